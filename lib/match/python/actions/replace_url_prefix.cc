// replace-url-prefix: "https://api.openai.com/v1/chat/completions" ->
// "B/chat/completions". Works on the literal text at the start of the
// string (f-strings included: the part before the first interpolation), so
// prose that merely mentions the host further in is left alone. A bare
// host ("https://api.openai.com", the code appends /v1/...) becomes B
// without its trailing /v1.
#include "match/python/actions/action.h"
#include "match/treesitter/engine_support.h"
#include "match/treesitter/tree.h"

#include <algorithm>

namespace keyshift::python {
std::optional<Edit> urlPrefixEdit(const ActionContext &ctx, TSNode node,
                                  std::vector<std::string> prefixes,
                                  bool *bare_host) {
  *bare_host = false;
  auto s = readString(node, ctx.text);
  if (!s || s->pieces.empty())
    return std::nullopt;
  ByteRange first = s->pieces[0];
  std::size_t content_start =
      s->range.offset + s->prefix.size() + s->quote.size();
  if (first.offset != content_start)
    return std::nullopt; // starts with an interpolation
  std::string_view piece = ctx.text.substr(first.offset, first.length);
  return ts::urlPrefixEdit(piece, first.offset, std::move(prefixes),
                           ctx.proxy.base_url, ctx.rule.id, bare_host);
}

bool configuresClient(const ActionContext &ctx, TSNode literal) {
  TSNode parent = ts_node_parent(literal);
  if (ts::nodeType(parent) == "keyword_argument") {
    std::string_view name =
        ts::nodeText(ts::childByField(parent, "name"), ctx.text);
    if (name != "base_url" && name != "openai_api_base" && name != "api_base")
      return false;
    TSNode call = ts_node_parent(ts_node_parent(parent));
    if (ts::nodeType(call) != "call")
      return false;
    auto callee =
        ctx.imports.resolve(ts::childByField(call, "function"), ctx.text);
    return callee && (callee->rfind("openai.", 0) == 0 ||
                      callee->rfind("langchain", 0) == 0);
  }
  if (ts::nodeType(parent) == "assignment") {
    auto target =
        ctx.imports.resolve(ts::childByField(parent, "left"), ctx.text);
    return target == "openai.base_url" || target == "openai.api_base";
  }
  return false;
}

std::optional<Finding> replaceUrlPrefix(const ActionContext &ctx) {
  // A client's base URL goes to the proxy only with its key: the client
  // rule (or module-config) owns the literal and rewrites or reports it.
  if (configuresClient(ctx, ctx.located)) {
    // A call's finding always covers its own base_url; a module-level
    // `openai.base_url = ...` is still reported here, since module-config
    // only speaks when the file also sets the key.
    if (ts::nodeType(ts_node_parent(ctx.located)) != "assignment")
      return std::nullopt;
    bool bare = false;
    if (!urlPrefixEdit(ctx, ctx.located, ctx.rule.action.prefixes, &bare) &&
        !bare)
      return std::nullopt;
    Finding f = makeFinding(ctx, ctx.located);
    f.message += " (the module's base URL: moved to the proxy together with "
                 "openai.api_key by python.module-config, or by hand)";
    return f;
  }
  bool bare_host = false;
  auto edit =
      urlPrefixEdit(ctx, ctx.located, ctx.rule.action.prefixes, &bare_host);
  if (bare_host)
    return makeFinding(ctx, ctx.located, FindingKind::NeedsReview,
                       "bare OpenAI host, and the proxy base URL does not end "
                       "in /v1: cannot tell what replaces it");
  if (!edit)
    return std::nullopt;
  Finding f = makeFinding(ctx, ctx.located);
  attachChange(ctx, f, {*edit});
  return f;
}

} // namespace keyshift::python
