// replace-url-prefix: "https://api.openai.com/v1/chat/completions" ->
// "B/chat/completions", in string and template literals. Works on the text
// at the start of the literal (a template's part before its first ${...}),
// so prose that merely mentions the host further in is left alone. A bare
// host ("https://api.openai.com", the code appends /v1/...) becomes B
// without its trailing /v1. The baseURL option of an OpenAI client is the
// client rule's to rewrite, together with the key, or not at all.
#include "match/js/actions/action.h"
#include "match/treesitter/engine_support.h"
#include "match/treesitter/tree.h"

#include <algorithm>

namespace keyshift::js {
namespace {

bool isWrapper(std::string_view type) {
  return type == "parenthesized_expression" || type == "as_expression" ||
         type == "satisfies_expression" || type == "non_null_expression";
}

} // namespace

bool isClientBaseUrlOption(const ActionContext &ctx, TSNode literal) {
  // Also the fallback of `process.env.OPENAI_BASE_URL ?? "..."`.
  TSNode pair = ts_node_parent(literal);
  while (isWrapper(ts::nodeType(pair)) ||
         ts::nodeType(pair) == "binary_expression")
    pair = ts_node_parent(pair);
  if (ts::nodeType(pair) != "pair")
    return false;
  std::string_view key = ts::nodeText(ts::childByField(pair, "key"), ctx.text);
  if (key != "baseURL" && key != "basePath" && key != "\"baseURL\"" &&
      key != "'baseURL'")
    return false;
  TSNode up = ts_node_parent(ts_node_parent(pair)); // pair -> object -> ?
  while (isWrapper(ts::nodeType(up)))
    up = ts_node_parent(up);
  if (ts::nodeType(up) != "arguments")
    return false;
  TSNode construction = ts_node_parent(up);
  if (ts::nodeType(construction) != "new_expression")
    return false;
  auto callee = ctx.imports.resolve(
      ts::childByField(construction, "constructor"), ctx.text);
  return callee && (*callee == "openai" || callee->rfind("openai.", 0) == 0);
}

std::optional<Edit> urlPrefixEdit(const ActionContext &ctx, TSNode node,
                                  std::vector<std::string> prefixes,
                                  bool *bare_host) {
  *bare_host = false;
  auto s = readString(node, ctx.text);
  if (!s || s->pieces.empty())
    return std::nullopt;
  ByteRange first = s->pieces[0];
  if (first.offset != s->range.offset + 1)
    return std::nullopt; // starts with an escape or a substitution
  std::string_view piece = ctx.text.substr(first.offset, first.length);
  return ts::urlPrefixEdit(piece, first.offset, std::move(prefixes),
                           ctx.proxy.base_url, ctx.rule.id, bare_host);
}

std::optional<Finding> replaceUrlPrefix(const ActionContext &ctx) {
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
  if (isClientBaseUrlOption(ctx, ctx.located)) {
    f.message += " (an OpenAI client's baseURL: the client-construction "
                 "finding rewrites it together with the key, or not at all)";
    return f;
  }
  attachChange(ctx, f, {*edit});
  return f;
}

} // namespace keyshift::js
