#include "match/treesitter/engine_support.h"

#include "match/treesitter/tree.h"
#include "rewrite/apply.h"
#include "ruleset/rule.h"
#include "secrets/find_secrets.h"

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

std::string snippet(std::string_view source) {
  std::string masked = secrets::redactSecrets(source);
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
