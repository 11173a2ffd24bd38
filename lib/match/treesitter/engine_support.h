// What the tree-sitter engines (python/, js/) share once a query matched:
// the re-parse check, `where` constraints, finding snippets, and the
// language-free core of replace-url-prefix. Each engine keeps only what
// depends on its grammar (how a string literal or an import is spelled).
#ifndef KEYSHIFT_MATCH_TREESITTER_ENGINE_SUPPORT_H_
#define KEYSHIFT_MATCH_TREESITTER_ENGINE_SUPPORT_H_

#include "base/byte_range.h"
#include "finding/finding.h"
#include "match/treesitter/query.h"
#include "rewrite/edit.h"
#include "rewrite/verify.h"

#include <tree_sitter/api.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::ruleset {
struct Rule;
}

namespace keyshift::ts {

/// Re-parses rewritten text with one grammar and counts ERROR/MISSING nodes.
class TreeSyntaxChecker final : public SyntaxChecker {
public:
  explicit TreeSyntaxChecker(const TSLanguage *language)
      : language_(language) {}
  std::size_t errorCount(std::string_view content) const override;

private:
  const TSLanguage *language_;
};

/// The dotted name an expression refers to through the file's imports.
using SymbolResolver = std::function<std::optional<std::string>(TSNode)>;

/// Whether every `where` constraint of `rule` holds for the match: symbols
/// through `resolve`, regex/one_of/equals on the capture's text.
bool constraintsHold(const ruleset::Rule &rule, const QueryMatch &match,
                     std::string_view text, const SymbolResolver &resolve);

using Queries = std::map<std::string, std::unique_ptr<Query>, std::less<>>;

/// What an engine does with one match: the finding, or nothing.
using MatchAction = std::function<std::optional<Finding>(
    const ruleset::Rule &rule, const QueryMatch &match, TSNode located)>;

/// Runs each rule's compiled query over the tree: `where` constraints, the
/// located capture, then `act`. Shared policy: a match on code tree-sitter
/// could not parse is reported and skipped, as is a finding whose edits
/// touch such code; a client left for review blocks base-URL rewrites
/// (Finding::blocks_base_url).
void runRules(const std::vector<const ruleset::Rule *> &rules,
              const Queries &queries, TSNode root, std::string_view text,
              const SymbolResolver &resolve, const MatchAction &act,
              std::vector<Finding> &out);

/// A finding for `node` under `rule`, as every engine reports one (notes
/// for already-proxied, `before` as a snippet).
Finding ruleFinding(const ruleset::Rule &rule, TSNode node,
                    std::string_view text, FindingKind kind,
                    std::string message);

/// Source text fit for outputs: keys masked, then cut to a bounded size on
/// a UTF-8 boundary (the audit log must stay valid JSON text).
std::string snippet(std::string_view source);

/// The snippet of `range` once the edits that fall inside it are applied:
/// a finding's `after`. Edits outside the range (imports) are left out.
std::optional<std::string> textAfter(std::string_view text, ByteRange range,
                                     const std::vector<Edit> &edits);

/// The OpenAI API URL prefixes, longest first.
const std::vector<std::string> &openAiUrlPrefixes();

/// replace-url-prefix on the literal text a string starts with: `piece` at
/// `offset` in the file.
/// Returns the edit giving it `base_url`; a bare host (no /v1) takes
/// `base_url` without its /v1, and when `base_url` has none to drop,
/// *bare_host is set and nothing is returned.
std::optional<Edit> urlPrefixEdit(std::string_view piece, std::size_t offset,
                                  std::vector<std::string> prefixes,
                                  const std::string &base_url,
                                  const std::string &rule_id, bool *bare_host);

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_ENGINE_SUPPORT_H_
