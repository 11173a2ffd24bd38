// The rewrite-action vocabulary of DESIGN §4, written once for every
// tree-sitter dialect. Each action turns one query match into at most one
// Finding carrying its ChangeGroup; the driver reconciles groups across
// rules. One file per action; this header is what they share, and
// runAction is the one dispatch.
#ifndef KEYSHIFT_MATCH_TREESITTER_ACTIONS_ACTION_H_
#define KEYSHIFT_MATCH_TREESITTER_ACTIONS_ACTION_H_

#include "base/proxy_target.h"
#include "finding/finding.h"
#include "match/treesitter/dialect.h"
#include "match/treesitter/file_context.h"
#include "match/treesitter/query.h"
#include "match/treesitter/scopes.h"
#include "match/treesitter/spelling.h"
#include "match/url_prefix.h"
#include "ruleset/rule.h"

#include <optional>
#include <string>
#include <vector>

namespace keyshift::ts {

/// What the actions of one file work out once and share.
struct FileFacts {
  /// insert-after-statement's survey of the module's configuration.
  struct ModuleUse {
    bool sets_base_url = false;     ///< openai.base_url / api_base assigned
    TSNode base_url_value{};        ///< the first such assignment's value
    std::vector<TSNode> key_values; ///< every openai.api_key assignment's
    bool legacy = false;            ///< pre-1.0 API: openai.ChatCompletion, ...
  };
  std::optional<ModuleUse> module_use;
};

struct ActionContext {
  const ruleset::Rule &rule;
  const QueryMatch &match;
  TSNode located; ///< the node the finding points at
  const FileContext &file;
  const Spelling &spelling;
  const ProxyTarget &proxy;
  const RewriteOptions &options;
  FileFacts &facts;

  std::string_view text() const { return file.text; }
  const Dialect &dialect() const { return file.dialect; }
  /// The node captured under `name`, or a null node.
  TSNode capture(std::string_view name) const;
};

/// The finding `rule` makes at `located`, or none.
std::optional<Finding> runAction(const ActionContext &ctx);

/// A finding for `node` with the rule's id, kind, severity and message.
Finding makeFinding(const ActionContext &ctx, TSNode node);
/// The same with another kind and message (needs-review, already-proxied).
Finding makeFinding(const ActionContext &ctx, TSNode node, FindingKind kind,
                    std::string message);
/// Attaches `edits` (plus the imports they need) as the finding's change.
void attachChange(const ActionContext &ctx, Finding &finding,
                  std::vector<Edit> edits);

/// Whether a value given as the API key may go to the proxy, and the edit
/// that makes it the proxy key. Pointing a client at the proxy is only safe
/// when its key is (or, in the same change group, becomes) a read of K:
/// anything else could send a real OpenAI key to a third party.
struct KeyValue {
  bool migratable = false;
  std::optional<Edit> edit; ///< env rename, or literal -> read of K
  std::string why;          ///< when not migratable: for the finding
  /// The variable the key is read from, directly or through a
  /// module-level name (the flow it belongs to), and that name.
  std::string env;
  std::string symbol;
  std::size_t symbol_at = 0;
  std::optional<RelatedSite> site; ///< where a named key is read
  /// Not migratable because keyshift cannot trace where the key comes
  /// from (not because it is another variable or a literal).
  bool opaque = false;
};
/// Records a client's key flow on its finding (Finding::flow_envs, ...).
void noteKeyFlow(const KeyValue &kv, Finding &finding);
/// Follows a name bound once in a function (`key = os.environ[...]`).
KeyValue classifyKeyValue(const ActionContext &ctx, TSNode value,
                          int depth = 0);

/// The edit giving an OpenAI URL literal the proxy's base URL (the same edit
/// the endpoint-literal rule makes, so the two dedupe). Sets *bare_host when
/// the literal is a bare host and the proxy URL has no /v1 to strip.
std::optional<Edit> urlPrefixEdit(const ActionContext &ctx, TSNode literal,
                                  const std::vector<std::string> &prefixes,
                                  bool *bare_host);

/// The host a URL literal names, for URLs urlPrefixEdit does not move
/// (url::hostOf on its text up to the first interpolation).
url::HostKind literalHost(const ActionContext &ctx, TSNode literal);

/// Whether the OpenAI URL literal `literal` may move to the proxy: every
/// place it goes (a request, a client, a name read elsewhere) sends no key
/// or a key that moves with it. The key edits join the URL's change group.
struct UrlDecision {
  bool moves = true;
  std::string why; ///< when it does not: the first reason
  std::vector<Edit> key_edits;
  KeyValue key; ///< the last key sent with it
  /// A request or client sending a key keyshift cannot trace holds it.
  bool opaque_key = false;
  std::vector<std::string> envs;    ///< the variables sent with it
  std::vector<RelatedSite> related; ///< the requests and clients
};
UrlDecision decideUrl(const ActionContext &ctx, TSNode literal);
/// Why renaming the key read `read` could send K to OpenAI (it is sent
/// with a request whose URL does not move), or "" when it cannot. In the
/// index pass, a key passed to a client whose class comes from a module of
/// the repository is left to the plan: `*deferred` names that class.
std::string keyBlockedByRequest(const ActionContext &ctx, TSNode read,
                                std::string *deferred = nullptr);
/// Where the key read `read` goes that keyshift does not follow (a call
/// that is neither a client nor a request, a returned, exported or stored
/// value), or nullopt when every place it goes is known.
std::optional<RelatedSite> keyEscape(const ActionContext &ctx, TSNode read);

/// A RelatedSite at `node` of this file.
RelatedSite relatedAt(const ActionContext &ctx, TSNode node,
                      std::string message);

/// The model name at ctx.located, and what the proxy calls it. `settled`
/// is the finding when there is nothing to decide: a name built at run
/// time or from a variable (`value` is then that expression), or one no
/// naming rule changes. Otherwise `edit` gives the literal the proxy's name
/// `to`, unless the naming refuses (`why`: not in an explicit map).
struct ModelNameSite {
  std::optional<Finding> settled;
  TSNode value{};
  std::string name, to, why, after;
  Edit edit;
};
ModelNameSite modelNameSite(const ActionContext &ctx);
/// The model-name finding at ctx.located, not rewritten for `why`.
Finding reportedModelName(const ActionContext &ctx, std::string why);

std::optional<Finding> setCallArgument(const ActionContext &ctx);
std::optional<Finding> setModelName(const ActionContext &ctx);
std::optional<Finding> setBodyModelName(const ActionContext &ctx);
std::optional<Finding> renameEnvVar(const ActionContext &ctx);
std::optional<Finding> replaceUrlPrefix(const ActionContext &ctx);
std::optional<Finding> replaceSecretWithEnv(const ActionContext &ctx);
std::optional<Finding> insertAfterStatement(const ActionContext &ctx);

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_ACTIONS_ACTION_H_
