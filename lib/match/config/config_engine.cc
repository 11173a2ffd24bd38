#include "match/config/config_engine.h"

#include "match/config/env_values.h"
#include "match/config/line_format.h"
#include "match/finding_text.h"
#include "match/rule_finding.h"
#include "match/secret_literal.h"
#include "match/treesitter/budget.h"
#include "match/url_prefix.h"
#include "ruleset/rule.h"
#include "secrets/find_secrets.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace keyshift::config {
namespace {

using ruleset::ActionType;
using ruleset::Rule;

/// The captures of one entry under one rule: "key", "value" and the
/// pattern's named groups, or nullopt when the rule does not fire.
std::optional<std::map<std::string, std::string>>
capturesOf(const Rule &rule, const RE2 &pattern, const Entry &entry) {
  int n = pattern.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> sub(static_cast<std::size_t>(n) + 1);
  re2::StringPiece key(entry.key.data(), entry.key.size());
  if (!pattern.Match(key, 0, key.size(), RE2::UNANCHORED, sub.data(), n + 1))
    return std::nullopt;
  std::map<std::string, std::string> captures{{"key", entry.key},
                                              {"value", entry.value}};
  for (const auto &[name, index] : pattern.NamedCapturingGroups())
    captures[name] = std::string(sub[static_cast<std::size_t>(index)].data(),
                                 sub[static_cast<std::size_t>(index)].size());
  for (const ruleset::Constraint &c : rule.where) {
    auto it = captures.find(c.capture);
    if (!c.holds(it == captures.end() ? std::string() : it->second))
      return std::nullopt;
  }
  return captures;
}

bool isUrlEnd(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' ||
         c == '\'' || c == '`' || c == '\\' || c == '<' || c == '>' ||
         c == ')' || c == ',' || c == ';' || c == '}' || c == ']';
}

/// What a finding is to the scope pairing of the hard rule.
enum class Side {
  Alone, ///< moves on its own (a hard-coded key removed, a report)
  Key,   ///< the key variable renamed to K
  Url,   ///< a base URL or endpoint: moves only beside a key that moves
};

struct Pending {
  Finding finding;
  Side side = Side::Alone;
  std::size_t scope = 0;
};

/// The variables and secrets `value` refers to (`$X`, `${X:-d}`, `$(X)`,
/// `${{ secrets.X }}`, `${env:X}`), by name.
std::vector<std::string> referencedNames(std::string_view value) {
  auto word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  };
  std::vector<std::string> names;
  for (std::size_t at = value.find('$'); at != std::string_view::npos;
       at = value.find('$', at + 1)) {
    std::size_t i = at + 1;
    while (i < value.size() &&
           (value[i] == '{' || value[i] == '(' || value[i] == ' '))
      ++i;
    for (std::string_view scope :
         {"env.", "secrets.", "vars.", "env:", "localEnv:", "containerEnv:"})
      if (value.substr(i, scope.size()) == scope)
        i += scope.size();
    std::size_t end = i;
    while (end < value.size() && word(value[end]))
      ++end;
    if (end > i)
      names.emplace_back(value.substr(i, end - i));
  }
  return names;
}

/// The name of another variable or secret `value` is assigned from that
/// looks like it holds an OpenAI key (`$OPENAI_API_KEY_PROD`,
/// `${{ secrets.AZURE_OPENAI_KEY }}`), or "": renamed to K, the variable
/// would hand that key to the proxy.
std::string openAiSource(std::string_view value, std::string_view self) {
  for (const std::string &name : referencedNames(value)) {
    std::string upper = name;
    for (char &c : upper)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (name != self && upper.find("OPENAI") != std::string::npos)
      return name;
  }
  return {};
}

/// Another variable `value` is assigned from (`OPENAI_API_KEY=${VAULT_KEY}`),
/// or "": its value is one keyshift cannot check.
std::string otherSource(std::string_view value, std::string_view self) {
  for (const std::string &name : referencedNames(value))
    if (name != self)
      return name;
  return {};
}

/// Whether a command's assignment passes the variable on under its own name
/// (`-e NAME="$NAME"`, `"NAME=${NAME:?}"`, `NAME=$(NAME)`, `${{ env.NAME
/// }}`) or sets it empty: the reference is renamed as well, so renaming the
/// name keeps the pair one flow. Any other value is one keyshift cannot
/// check.
bool passesThrough(const Entry &entry) {
  std::string_view v = entry.value, name = entry.key;
  if (v.empty() && !entry.passed_name)
    return true;
  if (v.size() < 2 || v[0] != '$')
    return false;
  v.remove_prefix(1);
  if (v == name)
    return true;
  char open = v.front(), close = v.back();
  if (!((open == '{' && close == '}') || (open == '(' && close == ')')))
    return false;
  v = v.substr(1, v.size() - 2);
  if (open == '{' && v.size() >= 2 && v.front() == '{' && v.back() == '}') {
    v = v.substr(1, v.size() - 2); // `${{ env.NAME }}`
    while (!v.empty() && v.front() == ' ')
      v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ')
      v.remove_suffix(1);
    return v.starts_with("env.") && v.substr(4) == name;
  }
  if (!v.starts_with(name))
    return false;
  v.remove_prefix(name.size());
  // `${NAME:-default}`, `${NAME:?message}`: still the variable itself.
  return v.empty() || (open == '{' && std::string_view(":-?=+").find(
                                          v.front()) != std::string_view::npos);
}

class RuleRun {
public:
  RuleRun(std::string_view content, const ProxyTarget &proxy,
          const Format &format)
      : content_(content), proxy_(proxy), format_(format) {}

  void run(const Rule &rule, const Entry &entry) {
    // The Text around a command's assignment reports its URLs and keys.
    if (entry.in_command && rule.action.type != ActionType::RenameEnvVar)
      return;
    switch (rule.action.type) {
    case ActionType::RenameEnvVar:
      rename(rule, entry);
      break;
    case ActionType::ReplaceUrlPrefix:
      urls(rule, entry);
      break;
    case ActionType::ReplaceSecretWithEnv:
      secrets(rule, entry);
      break;
    default: {
      ByteRange where =
          entry.kind == Entry::Kind::Text ? entry.value_range : entry.key_range;
      add(Side::Alone, entry, finding(rule, entry, where));
      break;
    }
    }
  }

  std::vector<Pending> take() { return std::move(out_); }

private:
  Finding finding(const Rule &rule, const Entry &entry, ByteRange range,
                  FindingKind kind, std::string message) {
    Finding f =
        ruleFinding(rule, kind, std::move(message), range,
                    snippet(content_.substr(range.offset, range.length)));
    return f;
  }
  Finding finding(const Rule &rule, const Entry &entry, ByteRange range) {
    return finding(rule, entry, range, rule.kind, rule.message);
  }
  void attach(Finding &f, std::vector<Edit> edits) {
    for (Edit &e : edits)
      e.rule_id = f.rule_id;
    if (auto after = textAfter(content_, f.range, edits))
      f.after = *after;
    f.change = ChangeGroup{f.rule_id, std::move(edits)};
  }
  void add(Side side, const Entry &entry, Finding f) {
    out_.push_back(Pending{std::move(f), side, entry.scope});
  }

  void rename(const Rule &rule, const Entry &entry) {
    if (entry.kind == Entry::Kind::Text)
      return;
    const auto &from = rule.action.from;
    if (std::find(from.begin(), from.end(), entry.key) == from.end())
      return;
    bool to_key = rule.action.to != "base_url_env";
    const std::string &target = to_key ? proxy_.key_env : proxy_.base_url_env;
    // Without a BE there is nothing to rename the base URL variable to; its
    // value is the base-URL rule's.
    if (target.empty() || target == entry.key)
      return;
    if (entry.ambiguous) { // a consumer that cannot move: holds it back
      Finding f =
          finding(rule, entry, entry.key_range, FindingKind::NeedsReview,
                  entry.key + " is set twice in this map: not renamed "
                              "(which value is used depends on the "
                              "reader); keep one, then run again");
      f.flow_envs.push_back(entry.key);
      add(Side::Alone, entry, std::move(f));
      return;
    }
    if (entry.in_command && !passesThrough(entry)) {
      add(Side::Alone, entry, commandSets(rule, entry, target));
      return;
    }
    if (to_key && entry.kind == Entry::Kind::Assignment) {
      std::string source = openAiSource(entry.value, entry.key);
      if (!source.empty() && source != target) { // holds the flow back
        Finding f = finding(
            rule, entry, entry.key_range, FindingKind::NeedsReview,
            entry.key + " is set from " + source +
                ", which looks like an OpenAI key: renamed to " + target +
                ", it would hand that key to the proxy. Set it from the "
                "proxy key instead, then run again");
        f.flow_envs.push_back(entry.key);
        add(Side::Alone, entry, std::move(f));
        return;
      }
      // `OPENAI_API_KEY=${VAULT_KEY}`: a value keyshift cannot check, as
      // on a command line (`-e OPENAI_API_KEY="$VAULT"`). A CI secret
      // reference is renamed with the variable instead (secretReference).
      // In shell and .env lines a single-quoted value is literal text.
      bool literal = rule.id.starts_with("env.") &&
                     entry.value_range.offset > 0 &&
                     content_[entry.value_range.offset - 1] == '\'';
      if (entry.secret_ref.empty() && !literal &&
          !otherSource(entry.value, entry.key).empty()) {
        add(Side::Alone, entry, commandSets(rule, entry, target));
        return;
      }
    }
    Finding f = finding(rule, entry, entry.key_range);
    std::vector<Edit> edits{Edit{entry.key_range, format_.escape(target)}};
    // A renamed variable never keeps an OpenAI value.
    if (entry.kind == Entry::Kind::Assignment)
      for (ByteRange key : keysIn(entry)) {
        edits.push_back(Edit{key, ""});
        f.message += " (its hard-coded key value is removed: rotate the key "
                     "and set " +
                     target + " to the proxy key)";
      }
    // A CI secret reference is renamed with it (`secrets.K`).
    if (!entry.secret_name.empty())
      edits.push_back(Edit{entry.secret_name, format_.escape(target)});
    attach(f, std::move(edits));
    if (to_key) // the key's flow: moves only if all of it moves
      f.flow_envs.push_back(entry.key);
    add(to_key ? Side::Key : Side::Url, entry, std::move(f));
    if (!entry.secret_ref.empty())
      secretReference(rule, entry, target);
  }

  /// A command line that stores the variable (`docker run -e NAME=...`,
  /// `write_env NAME "$X"`) from a value keyshift cannot check: renamed, it
  /// could store an OpenAI key under the proxy's name; so it stays,
  /// reported, and holds its flow (every read of the name, and the clients
  /// relying on the SDK's read of it, stay with it).
  Finding commandSets(const Rule &rule, const Entry &entry,
                      const std::string &target) {
    Finding f = finding(
        rule, entry, entry.key_range, FindingKind::NeedsReview,
        entry.passed_name
            ? "this command is handed the name " + entry.key +
                  " beside a value: keyshift cannot tell what it sets " +
                  entry.key +
                  " to, so it is not renamed and its flow stays as it is; "
                  "migrate it by hand"
            : "sets " + entry.key +
                  " from a value keyshift cannot check: not renamed, since "
                  "the value may be an OpenAI key that " +
                  target +
                  " would carry to the proxy; its flow stays as it is. Set " +
                  target + " from the proxy key instead, then run again");
    f.flow_envs.push_back(entry.key);
    f.sets_env = true;
    return f;
  }

  /// The secret behind a renamed variable holds the OpenAI key: a person
  /// must create the proxy's secret. Reported beside the rename, with no
  /// change and no flow (it does not hold the rename back).
  void secretReference(const Rule &rule, const Entry &entry,
                       const std::string &target) {
    std::string message =
        entry.secret_name.empty()
            ? entry.key + " is renamed to " + target +
                  " but this secret reference still names the secret that "
                  "holds the OpenAI key: create a secret with the proxy key "
                  "and point the reference at it"
            : entry.key + " is renamed to " + target +
                  " and now reads the secret " + target +
                  ": create it with the proxy key in the CI settings";
    add(Side::Alone, entry,
        finding(rule, entry, entry.secret_ref, FindingKind::NeedsReview,
                std::move(message)));
  }

  void urls(const Rule &rule, const Entry &entry) {
    std::string_view value = entry.value;
    for (std::size_t at = value.find("http"); at != std::string_view::npos;
         at = value.find("http", at + 1)) {
      auto m = url::matchPrefix(value.substr(at), rule.action.prefixes,
                                proxy_.base_url);
      if (!m)
        continue;
      std::size_t end = at;
      while (end < value.size() && !isUrlEnd(value[end]))
        ++end;
      ByteRange range{entry.value_range.offset + at, end - at};
      if (m->bare_host) {
        add(Side::Alone, entry,
            finding(rule, entry, range, FindingKind::NeedsReview,
                    "bare OpenAI host, and the proxy base URL does not end "
                    "in /v1: cannot tell what replaces it"));
        continue;
      }
      Finding f = finding(rule, entry, range);
      std::vector<Edit> edits{Edit{ByteRange{range.offset, m->length},
                                   format_.escape(m->replacement)}};
      // The base URL variable itself becomes BE when one is configured.
      if (rule.kind == FindingKind::ConfigBaseUrl &&
          entry.kind == Entry::Kind::Assignment &&
          !proxy_.base_url_env.empty() && entry.key != proxy_.base_url_env)
        edits.push_back(
            Edit{entry.key_range, format_.escape(proxy_.base_url_env)});
      attach(f, std::move(edits));
      add(Side::Url, entry, std::move(f));
      at = end - 1;
    }
  }

  /// The hard-coded keys in an entry's value (placeholders are none).
  std::vector<ByteRange> keysIn(const Entry &entry) const {
    std::vector<ByteRange> keys;
    for (const secrets::SecretMatch &m : secrets::findSecrets(entry.value))
      if (secretLiteral(std::string_view(entry.value)
                            .substr(m.range.offset, m.range.length)))
        keys.push_back(ByteRange{entry.value_range.offset + m.range.offset,
                                 m.range.length});
    return keys;
  }

  void secrets(const Rule &rule, const Entry &entry) {
    for (ByteRange key : keysIn(entry)) {
      Finding f = finding(rule, entry, key);
      f.secret = secretLiteral(content_.substr(key.offset, key.length)).value();
      attach(f, {Edit{key, ""}});
      add(Side::Alone, entry, std::move(f));
    }
  }

  std::string_view content_;
  const ProxyTarget &proxy_;
  const Format &format_;
  std::vector<Pending> out_;
};

/// The hard rule inside a file: a URL-side change keeps its edit only when
/// a key of its scope moves to K in this change (it then belongs to that
/// key's flow) or the scope reads K already.
void pairWithKeys(std::vector<Pending> &pending,
                  const std::vector<Entry> &entries,
                  const std::string &key_env) {
  std::map<std::size_t, std::string> moving; // scope -> key flow
  std::set<std::size_t> migrated;            // scopes that already use K
  for (const Pending &p : pending)
    if (p.side == Side::Key && p.finding.change && !moving.count(p.scope) &&
        !p.finding.flow_envs.empty())
      moving[p.scope] = p.finding.flow_envs.front();
  for (const Entry &e : entries)
    if (e.kind != Entry::Kind::Text && e.key == key_env)
      migrated.insert(e.scope);
  for (Pending &p : pending) {
    if (p.side != Side::Url || !p.finding.change)
      continue;
    if (auto it = moving.find(p.scope); it != moving.end()) {
      p.finding.flow_envs.push_back(it->second);
      continue;
    }
    if (migrated.count(p.scope))
      continue;
    p.finding.change.reset();
    p.finding.after.clear();
    p.finding.kind = FindingKind::NeedsReview;
    p.finding.message +=
        " (not moved: no key beside it moves to " + key_env +
        ", so the OpenAI key would travel to the proxy; move the key that "
        "goes with it, then run again)";
  }
}

} // namespace

ConfigEngine::~ConfigEngine() = default;

Result<std::unique_ptr<ConfigEngine>>
ConfigEngine::create(std::unique_ptr<Format> format,
                     const std::vector<const ruleset::Rule *> &rules,
                     ProxyTarget proxy) {
  std::unique_ptr<ConfigEngine> engine(new ConfigEngine());
  engine->format_ = std::move(format);
  engine->proxy_ = std::move(proxy);
  for (const Rule *rule : rules) {
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_shared<const RE2>(rule->query, options);
    if (!re->ok())
      return makeError(
          ErrorCode::Config,
          rule->source +
              ": /query: invalid RE2 key-name pattern: " + re->error());
    engine->patterns_[rule->id] = std::move(re);
  }
  return engine;
}

namespace {

/// A file that does not parse is read only in part (tree-sitter recovers
/// around the error): nothing in it is rewritten, every change becomes a
/// report, and the error itself is a finding, so the user hears why. Its
/// variables' flows are held back everywhere (their sites here stay).
void holdForSyntaxError(const SourceFile &file, std::size_t at,
                        std::vector<Finding> &findings) {
  std::string_view text = file.content();
  at = std::min(at, text.size());
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(
                                   text.begin(), text.begin() + at, '\n'));
  const std::string where = "line " + std::to_string(line);
  for (Finding &f : findings)
    if (f.change) {
      f.change.reset();
      f.after.clear();
      // A key stays a hard-coded key (audits count them by kind); a rename
      // that cannot happen is a consumer that holds its flow back.
      if (!f.secret)
        f.kind = FindingKind::NeedsReview;
      f.message += " (not rewritten: the file has a syntax error at " + where +
                   "; fix it and run again)";
    }
  std::size_t end = text.find('\n', at);
  if (end == std::string_view::npos)
    end = text.size();
  Finding error;
  error.rule_id = std::string(languageName(file.language())) + ".syntax-error";
  error.kind = FindingKind::NeedsReview;
  error.severity = Severity::Warning;
  error.message = "the file does not parse as " +
                  std::string(languageName(file.language())) +
                  " here: keyshift read it only in part and rewrites nothing "
                  "in it";
  error.range = ByteRange::fromBounds(at, end);
  error.before = snippet(text.substr(at, end - at));
  findings.push_back(std::move(error));
}

} // namespace

std::vector<Finding>
ConfigEngine::match(const SourceFile &file,
                    const std::vector<const ruleset::Rule *> &rules,
                    const FlowQuery *flows) const {
  std::vector<Finding> out;
  indexAndMatch(file, rules, flows, out);
  return out;
}

ModuleFacts ConfigEngine::index(const SourceFile &file) const {
  std::vector<Finding> ignored;
  return indexAndMatch(file, {}, nullptr, ignored);
}

ModuleFacts ConfigEngine::indexAndMatch(
    const SourceFile &file, const std::vector<const ruleset::Rule *> &rules,
    const FlowQuery * /*flows*/, std::vector<Finding> &findings) const {
  // One read gives both (Format::read parses the whole file).
  Format::Reading reading = format_->read(file);
  if (!reading.over_budget.empty()) {
    findings = {ts::tooComplexCode(file, reading.over_budget)};
    return {};
  }
  findings = matchEntries(file.content(), reading.entries, rules);
  if (reading.first_error)
    holdForSyntaxError(file, *reading.first_error, findings);
  ModuleFacts facts;
  // A file that does not parse gives no values: its edits are held.
  if (!reading.first_error)
    facts.env_values = envValues(file.content(), reading.entries);
  return facts;
}

std::vector<Finding> ConfigEngine::matchEntries(
    std::string_view content, const std::vector<Entry> &entries,
    const std::vector<const ruleset::Rule *> &rules) const {
  RuleRun run(content, proxy_, *format_);
  for (const Entry &entry : entries)
    for (const Rule *rule : rules) {
      auto pattern = patterns_.find(rule->id);
      if (pattern == patterns_.end() ||
          !capturesOf(*rule, *pattern->second, entry))
        continue;
      run.run(*rule, entry);
    }
  std::vector<Pending> pending = run.take();
  pairWithKeys(pending, entries, proxy_.key_env);
  std::vector<Finding> out;
  for (Pending &p : pending)
    out.push_back(std::move(p.finding));
  return out;
}

namespace {

class LineFormat final : public Format {
public:
  Reading read(const SourceFile &file) const override {
    return {parseLines(file.content(), lineFlavourForPath(file.path())).entries,
            std::nullopt};
  }
  const SyntaxChecker &checker() const override { return checker_; }

private:
  LineSyntaxChecker checker_;
};

} // namespace

std::unique_ptr<Format> lineFormat() { return std::make_unique<LineFormat>(); }

} // namespace keyshift::config
