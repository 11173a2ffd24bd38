// The rewrite-action vocabulary of DESIGN §4, spelled for JavaScript,
// TypeScript and TSX. Each action turns one query match into at most one
// Finding carrying its ChangeGroup; the driver reconciles groups across
// rules. One file per action; this header is what they share.
#ifndef KEYSHIFT_MATCH_JS_ACTIONS_ACTION_H_
#define KEYSHIFT_MATCH_JS_ACTIONS_ACTION_H_

#include "base/proxy_target.h"
#include "finding/finding.h"
#include "match/js/imports.h"
#include "match/js/js_syntax.h"
#include "match/treesitter/engine_support.h"
#include "match/treesitter/query.h"
#include "ruleset/rule.h"

#include <optional>
#include <string>
#include <vector>

namespace keyshift::js {

struct ActionContext {
  const ruleset::Rule &rule;
  const ts::QueryMatch &match;
  TSNode located; ///< the node the finding points at
  std::string_view text;
  TSNode root;
  const ImportTable &imports;
  const Spelling &spelling;
  const ProxyTarget &proxy;
  const RewriteOptions &options;

  /// The node captured under `name`, or a null node.
  TSNode capture(std::string_view name) const;
};

/// A finding for `node` with the rule's id, kind, severity and message.
Finding makeFinding(const ActionContext &ctx, TSNode node);
/// The same with another kind and message (needs-review, already-proxied).
Finding makeFinding(const ActionContext &ctx, TSNode node, FindingKind kind,
                    std::string message);
/// Attaches `edits` (plus the shim import when they wrap) as the change.
void attachChange(const ActionContext &ctx, Finding &finding,
                  std::vector<Edit> edits);

/// Whether a value given as the API key may go to the proxy, and the edit
/// that makes it the proxy key. Pointing a client at the proxy is only safe
/// when its key is (or, in the same change group, becomes) a read of K:
/// anything else could send a real OpenAI key to a third party.
struct KeyValue {
  bool migratable = false;
  std::optional<Edit> edit; ///< env rename or literal -> process.env.K
  std::string why;          ///< when not migratable: for the finding
};
KeyValue classifyKeyValue(const ActionContext &ctx, TSNode value);

/// The edit giving an OpenAI URL literal the proxy's base URL (the same edit
/// the endpoint-literal rule makes, so the two dedupe). Sets *bare_host when
/// the literal is a bare host and the proxy URL has no /v1 to strip.
std::optional<Edit> urlPrefixEdit(const ActionContext &ctx, TSNode literal,
                                  std::vector<std::string> prefixes,
                                  bool *bare_host);
using ts::openAiUrlPrefixes;
/// Whether `literal` is the base-URL option of an OpenAI SDK construction
/// (`new OpenAI({ baseURL: "..." })`): the client's own rule rewrites it,
/// together with the key, or not at all.
bool isClientBaseUrlOption(const ActionContext &ctx, TSNode literal);

std::optional<Finding> setCallArgument(const ActionContext &ctx);
std::optional<Finding> renameEnvVar(const ActionContext &ctx);
std::optional<Finding> replaceUrlPrefix(const ActionContext &ctx);
std::optional<Finding> replaceSecretWithEnv(const ActionContext &ctx);

} // namespace keyshift::js

#endif // KEYSHIFT_MATCH_JS_ACTIONS_ACTION_H_
