#include "ruleset/rule_set.h"

#include "base/edit_distance.h"
#include "ruleset/embedded_rules.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace keyshift::ruleset {
namespace fs = std::filesystem;
namespace {

bool hasWildcard(std::string_view s) {
  return s.find_first_of("*?") != std::string_view::npos;
}

std::vector<std::string> splitPath(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos)
      slash = path.size();
    if (slash > start)
      parts.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

/// One path segment against `*` and `?` (neither crosses '/').
bool matchSegment(std::string_view pat, std::string_view s) {
  std::size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (p < pat.size() && (pat[p] == '?' || pat[p] == s[i])) {
      ++p;
      ++i;
    } else if (p < pat.size() && pat[p] == '*') {
      star = p++;
      mark = i;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*')
    ++p;
  return p == pat.size();
}

bool matchSegments(const std::vector<std::string> &pat, std::size_t pi,
                   const std::vector<std::string> &path, std::size_t si) {
  if (pi == pat.size())
    return si == path.size();
  if (pat[pi] == "**") {
    for (std::size_t k = si; k <= path.size(); ++k)
      if (matchSegments(pat, pi + 1, path, k))
        return true;
    return false;
  }
  return si < path.size() && matchSegment(pat[pi], path[si]) &&
         matchSegments(pat, pi + 1, path, si + 1);
}

Result<std::string> readFile(const std::string &path,
                             const std::string &display) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return makeError(ErrorCode::Config, display + ": cannot read rule file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string joinPath(const std::string &base, const std::string &rel) {
  if (base.empty() || fs::path(rel).is_absolute())
    return rel;
  return (fs::path(base) / rel).string();
}

} // namespace

RuleSet::RuleSet(std::vector<Rule> rules) : rules_(std::move(rules)) {
  std::sort(rules_.begin(), rules_.end(),
            [](const Rule &a, const Rule &b) { return a.id < b.id; });
}

std::vector<const Rule *> RuleSet::forLanguage(Language language) const {
  std::vector<const Rule *> out;
  for (const auto &r : rules_)
    if (r.language == language)
      out.push_back(&r);
  return out;
}

const Rule *RuleSet::find(std::string_view id) const {
  auto it = std::lower_bound(
      rules_.begin(), rules_.end(), id,
      [](const Rule &r, std::string_view key) { return r.id < key; });
  return it != rules_.end() && it->id == id ? &*it : nullptr;
}

std::vector<std::string> RuleSet::ids() const {
  std::vector<std::string> out;
  for (const auto &r : rules_)
    out.push_back(r.id);
  return out;
}

Result<std::vector<std::string>>
expandRulePattern(const std::string &pattern, const std::string &base_dir) {
  if (!hasWildcard(pattern))
    return std::vector<std::string>{pattern};

  // Walk from the longest wildcard-free directory prefix, then match the
  // rest segment by segment.
  bool absolute = !pattern.empty() && pattern[0] == '/';
  std::vector<std::string> segments = splitPath(pattern);
  std::string prefix = absolute ? "/" : "";
  std::size_t first_wild = 0;
  while (first_wild < segments.size() && !hasWildcard(segments[first_wild])) {
    prefix += segments[first_wild] + "/";
    ++first_wild;
  }
  std::vector<std::string> rest(segments.begin() + first_wild, segments.end());
  std::string root = joinPath(base_dir, prefix.empty() ? "." : prefix);

  std::vector<std::string> matches;
  std::error_code ec;
  if (fs::is_directory(root, ec)) {
    auto opts = fs::directory_options::skip_permission_denied;
    for (fs::recursive_directory_iterator it(root, opts, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec))
        continue;
      std::string rel = fs::relative(it->path(), root, ec).generic_string();
      if (!ec && matchSegments(rest, 0, splitPath(rel), 0))
        matches.push_back(prefix + rel);
    }
  }
  if (matches.empty())
    return makeError(ErrorCode::Config,
                     "rules.extra: '" + pattern + "' matches no files");
  std::sort(matches.begin(), matches.end());
  return matches;
}

Result<RuleSet> loadRuleSet(const LoadOptions &options) {
  std::vector<Rule> rules;
  std::vector<Error> errors;
  std::map<std::string, std::string> source_of_id;

  auto add = [&](Result<std::vector<Rule>> file_rules) {
    if (!file_rules) {
      errors.push_back(file_rules.error());
      return;
    }
    for (Rule &rule : *file_rules) {
      auto [it, inserted] = source_of_id.emplace(rule.id, rule.source);
      if (!inserted) {
        errors.push_back(makeError(ErrorCode::Config,
                                   rule.source + ": /id: duplicate rule id '" +
                                       rule.id + "' (also defined in " +
                                       it->second + ")"));
        continue;
      }
      rules.push_back(std::move(rule));
    }
  };

  if (options.builtin)
    for (const auto &file : builtinRuleFiles())
      add(parseRules(file.content, file.path, RuleOrigin::Builtin));

  for (const auto &pattern : options.extra) {
    auto files = expandRulePattern(pattern, options.base_dir);
    if (!files) {
      errors.push_back(files.error());
      continue;
    }
    for (const auto &file : *files) {
      auto text = readFile(joinPath(options.base_dir, file), file);
      if (!text) {
        errors.push_back(text.error());
        continue;
      }
      add(parseRules(*text, file, RuleOrigin::User));
    }
  }

  if (errors.empty()) {
    std::vector<std::string> known;
    for (const auto &r : rules)
      known.push_back(r.id);
    std::sort(known.begin(), known.end());
    for (const auto &id : options.disable) {
      auto it = std::find_if(rules.begin(), rules.end(),
                             [&](const Rule &r) { return r.id == id; });
      if (it != rules.end()) {
        rules.erase(it);
        continue;
      }
      // Disabling a rule twice is harmless; only names nobody defines fail.
      if (std::find(known.begin(), known.end(), id) != known.end())
        continue;
      errors.push_back(
          makeError(ErrorCode::Config, "rules.disable: unknown rule id '" + id +
                                           "'" + didYouMean(id, known)));
    }
  }

  if (!errors.empty()) {
    Error all = errors.front();
    for (std::size_t i = 1; i < errors.size(); ++i)
      all.message += "\n" + errors[i].message;
    return all;
  }
  return RuleSet(std::move(rules));
}

} // namespace keyshift::ruleset
