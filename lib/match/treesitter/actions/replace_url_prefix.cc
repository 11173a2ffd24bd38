// replace-url-prefix: "https://api.openai.com/v1/chat/completions" ->
// "B/chat/completions", in string, f-string and template literals. Works on
// the literal text at the start of the string (the part before its first
// interpolation), so prose that merely mentions the host further in is left
// alone. A bare host ("https://api.openai.com", the code appends /v1/...)
// becomes B without its trailing /v1. The Realtime API's
// "wss://api.openai.com/v1/realtime" takes B's WebSocket form (https ->
// wss, http -> ws). A client's own base URL moves only with its key: the
// client rule (or the module configuration) owns it.
#include "base/ascii_case.h"
#include "base/language.h"
#include "match/treesitter/actions/action.h"
#include "match/url_prefix.h"

#include <algorithm>
#include <array>

namespace keyshift::ts {
namespace {

/// The option names and module settings an OpenAI client's base URL goes
/// by, in every SDK keyshift knows.
constexpr std::array<std::string_view, 5> kClientUrlOptions{
    "base_url", "openai_api_base", "api_base", "baseURL", "basePath"};

enum class UrlRole {
  Other,
  ClientOption,  ///< OpenAI(base_url="..."), new OpenAI({ baseURL: "..." })
  ModuleSetting, ///< openai.base_url = "..."
};

bool isClientCallee(const std::optional<std::string> &callee) {
  return callee && (*callee == "openai" || callee->rfind("openai.", 0) == 0 ||
                    callee->rfind("langchain", 0) == 0);
}

UrlRole roleOf(const ActionContext &ctx, TSNode literal) {
  const Dialect &d = ctx.dialect();
  const FileContext &file = ctx.file;
  TSNode node = literal, parent = file.parent(literal);
  while (d.isTransparent(parent)) {
    node = parent;
    parent = file.parent(parent);
  }
  Assignment a = d.assignment(parent);
  if (!ts_node_is_null(a.left) && ts_node_eq(a.right, node)) {
    auto target = file.scopes.resolve(a.left);
    return target == "openai.base_url" || target == "openai.api_base"
               ? UrlRole::ModuleSetting
               : UrlRole::Other;
  }
  auto name = d.entryName(parent, ctx.text());
  if (!name || std::find(kClientUrlOptions.begin(), kClientUrlOptions.end(),
                         *name) == kClientUrlOptions.end())
    return UrlRole::Other;
  // keyword argument -> argument list, or property -> object -> arguments
  TSNode list = file.parent(parent);
  if (!d.isArgumentList(list)) {
    do
      list = file.parent(list);
    while (d.isTransparent(list));
    if (!d.isArgumentList(list))
      return UrlRole::Other;
  }
  TSNode call = file.parent(list);
  return isClientCallee(file.scopes.resolve(d.callee(call)))
             ? UrlRole::ClientOption
             : UrlRole::Other;
}

/// `audience="https://api.openai.com/v1"` (an OIDC token exchange) names
/// the API as a token audience: no request goes there with it.
bool isAudience(const ActionContext &ctx, TSNode literal) {
  TSNode parent = ctx.file.parent(literal);
  while (ctx.dialect().isTransparent(parent))
    parent = ctx.file.parent(parent);
  std::string name = ctx.dialect().entryName(parent, ctx.text()).value_or("");
  if (name.empty())
    for (const char *field : {"name", "left", "pattern"})
      if (TSNode n = childByField(parent, field); !ts_node_is_null(n))
        name = std::string(ctx.file.textOf(n));
  return asciiLower(name).find("audience") != std::string::npos;
}

} // namespace

std::optional<Finding> replaceUrlPrefix(const ActionContext &ctx) {
  const auto &prefixes = ctx.rule.action.prefixes;
  if (isAudience(ctx, ctx.located))
    return std::nullopt;
  UrlRole role = roleOf(ctx, ctx.located);
  if (role == UrlRole::ClientOption)
    return std::nullopt; // the client's finding covers its own base URL
  bool bare_host = false;
  auto edit = urlPrefixEdit(ctx, ctx.located, prefixes, &bare_host);
  if (role == UrlRole::ModuleSetting) {
    // Reported here, since module-config only speaks when the file also
    // sets the key.
    if (!edit && !bare_host)
      return std::nullopt;
    Finding f = makeFinding(ctx, ctx.located);
    f.message += " (the module's base URL: moved to the proxy together with "
                 "openai.api_key by " +
                 std::string(languageName(ctx.dialect().language())) +
                 ".module-config, or by hand)";
    return f;
  }
  if (bare_host)
    return makeFinding(ctx, ctx.located, FindingKind::NeedsReview,
                       "bare OpenAI host, and the proxy base URL does not end "
                       "in /v1: cannot tell what replaces it");
  // The Realtime API's URL (its rule takes only WebSocket prefixes and
  // matches only them): reported when it cannot move, never left silent.
  bool realtime = std::all_of(prefixes.begin(), prefixes.end(), [](auto &p) {
    return p.starts_with("ws://") || p.starts_with("wss://");
  });
  if (!edit && realtime)
    return makeFinding(
        ctx, ctx.located, FindingKind::NeedsReview,
        url::webSocketForm(ctx.proxy.base_url)
            ? "OpenAI Realtime API URL that is not a plain literal: "
              "migrate it by hand"
            : "OpenAI Realtime API URL, and the proxy base URL is not "
              "http(s): it has no WebSocket form (wss://, ws://) to move it "
              "to; migrate it by hand if the proxy serves the Realtime API");
  if (!edit)
    return std::nullopt;
  // Hand-written HTTP: the URL moves only with the keys sent with it.
  UrlDecision d = decideUrl(ctx, ctx.located);
  if (!d.moves) {
    Finding f = makeFinding(
        ctx, ctx.located, FindingKind::NeedsReview,
        ctx.rule.message + " (not rewritten: " + d.why +
            "; move it together with that key by hand, or read the key "
            "from the proxy key variable)");
    noteKeyFlow(d.key, f);
    f.flow_envs = d.envs;
    f.opaque_key = d.opaque_key;
    f.related.insert(f.related.end(), d.related.begin(), d.related.end());
    return f;
  }
  Finding f = makeFinding(ctx, ctx.located);
  std::vector<Edit> edits{*edit};
  edits.insert(edits.end(), d.key_edits.begin(), d.key_edits.end());
  noteKeyFlow(d.key, f);
  f.flow_envs = d.envs;
  f.related.insert(f.related.end(), d.related.begin(), d.related.end());
  attachChange(ctx, f, std::move(edits));
  return f;
}

} // namespace keyshift::ts
