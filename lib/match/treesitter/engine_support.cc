#include "match/treesitter/engine_support.h"

#include "match/treesitter/tree.h"
#include "rewrite/apply.h"
#include "ruleset/rule.h"
#include "secrets/mask.h"

#include <algorithm>

namespace keyshift::ts {
namespace {

constexpr std::size_t kMaxSnippet = 200;

bool endsPath(std::string_view rest) {
  return rest.empty() || rest[0] == '/' || rest[0] == '?' || rest[0] == '#';
}

bool endsWithVersion(std::string_view s) {
  return s.size() >= 3 && s.substr(s.size() - 3) == "/v1";
}

} // namespace

std::size_t TreeSyntaxChecker::errorCount(std::string_view content) const {
  auto tree = Tree::parse(language_, content);
  return tree.ok() ? tree->errorCount() : SIZE_MAX;
}

bool constraintsHold(const ruleset::Rule &rule, const QueryMatch &match,
                     std::string_view text, const SymbolResolver &resolve) {
  for (const auto &c : rule.where) {
    const TSNode *node = match.find(c.capture);
    if (!node)
      return false;
    if (!c.symbols.empty()) {
      auto symbol = resolve(*node);
      if (!symbol || std::find(c.symbols.begin(), c.symbols.end(), *symbol) ==
                         c.symbols.end())
        return false;
    }
    if (!c.holds(nodeText(*node, text)))
      return false;
  }
  return true;
}

Finding ruleFinding(const ruleset::Rule &rule, TSNode node,
                    std::string_view text, FindingKind kind,
                    std::string message) {
  Finding f;
  f.rule_id = rule.id;
  f.kind = kind;
  f.severity =
      kind == FindingKind::AlreadyProxied ? Severity::Note : rule.severity;
  f.message = std::move(message);
  f.range = nodeRange(node);
  f.action = FindingAction::Reported;
  f.before = snippet(nodeText(node, text));
  return f;
}

void runRules(const std::vector<const ruleset::Rule *> &rules,
              const Queries &queries, TSNode root, std::string_view text,
              const SymbolResolver &resolve, const MatchAction &act,
              std::vector<Finding> &out) {
  constexpr std::string_view kUnparsed =
      " (not rewritten: the code around it does not parse)";
  using ruleset::ActionType;
  for (const ruleset::Rule *rule : rules) {
    auto it = queries.find(rule->id);
    if (it == queries.end())
      continue;
    for (const QueryMatch &m : it->second->run(root, text)) {
      if (!constraintsHold(*rule, m, text, resolve))
        continue;
      const TSNode *located =
          rule->capture.empty() ? nullptr : m.find(rule->capture);
      if (!located && !m.captures.empty())
        located = &m.captures.front().node;
      if (!located)
        continue;
      // Code tree-sitter could not parse is no base for a rewrite: report
      // the match, change nothing (the rest of the file is still migrated).
      if (ts_node_has_error(*located) &&
          rule->action.type != ActionType::ReportOnly) {
        Finding f = ruleFinding(*rule, *located, text, rule->kind,
                                rule->message + std::string(kUnparsed));
        f.action = FindingAction::Skipped;
        out.push_back(std::move(f));
        continue;
      }
      auto finding = act(*rule, m, *located);
      if (!finding)
        continue;
      if (finding->kind == FindingKind::NeedsReview &&
          (rule->action.type == ActionType::SetCallArgument ||
           rule->action.type == ActionType::InsertAfterStatement))
        finding->blocks_base_url = true;
      // Edits next to code tree-sitter could not parse may land anywhere.
      if (finding->change)
        for (const Edit &e : finding->change->edits)
          if (touchesError(root, e.range)) {
            finding->change.reset();
            finding->action = FindingAction::Skipped;
            finding->message += kUnparsed;
            break;
          }
      out.push_back(std::move(*finding));
    }
  }
}

std::string snippet(std::string_view source) {
  std::string masked = secrets::maskKeys(source);
  std::string_view text = masked;
  if (text.size() <= kMaxSnippet)
    return masked;
  std::size_t cut = kMaxSnippet;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::optional<std::string> textAfter(std::string_view text, ByteRange range,
                                     const std::vector<Edit> &edits) {
  std::vector<Edit> inside;
  for (const Edit &e : edits)
    if (e.range.offset >= range.offset && e.range.end() <= range.end())
      inside.push_back(
          Edit{ByteRange{e.range.offset - range.offset, e.range.length},
               e.replacement, e.rule_id});
  auto after = applyEdits(text.substr(range.offset, range.length), inside);
  if (!after.ok())
    return std::nullopt;
  return snippet(*after);
}

const std::vector<std::string> &openAiUrlPrefixes() {
  static const std::vector<std::string> prefixes{
      "https://api.openai.com/v1", "http://api.openai.com/v1",
      "https://api.openai.com", "http://api.openai.com"};
  return prefixes;
}

std::optional<Edit> urlPrefixEdit(std::string_view piece, std::size_t offset,
                                  std::vector<std::string> prefixes,
                                  const std::string &base_url,
                                  const std::string &rule_id, bool *bare_host) {
  *bare_host = false;
  std::sort(prefixes.begin(), prefixes.end(),
            [](const std::string &a, const std::string &b) {
              return a.size() > b.size();
            });
  for (const std::string &prefix : prefixes) {
    if (piece.rfind(prefix, 0) != 0)
      continue;
    std::string_view rest = piece.substr(prefix.size());
    if (!endsPath(rest)) // "https://api.openai.com.evil/"
      continue;
    std::string replacement = base_url;
    if (!endsWithVersion(prefix)) {
      if (!endsWithVersion(replacement)) {
        *bare_host = true;
        return std::nullopt;
      }
      replacement.resize(replacement.size() - 3);
    }
    return Edit{ByteRange{offset, prefix.size()}, replacement, rule_id};
  }
  return std::nullopt;
}

} // namespace keyshift::ts
