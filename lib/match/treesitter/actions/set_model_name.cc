// set-model-name: a model name passed to an API call on a client that
// moves to the proxy takes the proxy's naming (ModelPolicy):
//   client = OpenAI()                   client = OpenAI(base_url=..., ...)
//   client.chat.completions.create(     client.chat.completions.create(
//       model="gpt-4o")          ->         model="openai/gpt-4o")
// The hard rule's spirit: the name changes only together with the client.
// The call is linked to the construction its client name is bound to in
// the same file; the construction is decided exactly as the
// client-construction rule decides it (same parameters, same edits), and
// the model edit joins that change group with the client's flows, so the
// two move together or not at all. A client keyshift cannot link (a
// parameter, an import, an attribute) and names that are not literals
// (variables, f-strings, templates) are reported with why.
#include "base/model_naming.h"
#include "match/finding_text.h"
#include "match/treesitter/actions/action.h"
#include "match/treesitter/module_index.h"

#include <algorithm>

namespace keyshift::ts {
namespace {

/// `client.chat.completions` -> `client`; `OpenAI().chat` -> the call.
TSNode rootObject(TSNode api) {
  TSNode n = api;
  while (!ts_node_is_null(n)) {
    std::string_view t = nodeType(n);
    if (t != "attribute" && t != "member_expression")
      break;
    n = childByField(n, "object");
  }
  return n;
}

/// The construction `node` is, seen through a shim wrapper and await.
TSNode constructionIn(const ActionContext &ctx, TSNode node) {
  const Dialect &d = ctx.dialect();
  for (int depth = 0; depth < 3 && !ts_node_is_null(node); ++depth) {
    node = d.unwrap(node);
    TSNode callee = d.callee(node);
    if (ts_node_is_null(callee))
      return TSNode{};
    auto symbol = ctx.file.scopes.resolve(callee);
    if (!symbol)
      return TSNode{};
    const auto &ctors = ctx.rule.action.from;
    if (std::find(ctors.begin(), ctors.end(), *symbol) != ctors.end())
      return node;
    const std::string &wrapper = ctx.rule.action.shim_wrap;
    if (wrapper.empty() || *symbol != ctx.spelling.symbolFor(wrapper))
      return TSNode{};
    TSNode args = childByField(node, "arguments");
    if (ts_node_is_null(args) || ts_node_named_child_count(args) == 0)
      return TSNode{};
    node = ts_node_named_child(args, 0);
  }
  return TSNode{};
}

struct ClientLink {
  TSNode construction{};
  std::string why; ///< when there is none
};

ClientLink linkClient(const ActionContext &ctx) {
  TSNode api = ctx.capture("api");
  TSNode root = rootObject(api);
  if (ts_node_is_null(root))
    return {TSNode{}, "keyshift cannot tell which client makes this call"};
  std::string_view type = nodeType(root);
  if (type == "call" || type == "new_expression" || type == "call_expression") {
    TSNode c = constructionIn(ctx, root);
    if (ts_node_is_null(c))
      return {TSNode{}, "the call is made on " +
                            snippet(ctx.file.textOf(root)) +
                            ", not a client construction keyshift knows"};
    return {c, ""};
  }
  std::string name(ctx.file.textOf(root));
  if (type != "identifier")
    return {TSNode{}, "the client is " + snippet(name) +
                          ", which keyshift does not link to a construction"};
  bool module_level = false;
  const Binding *b = ctx.file.scopes.singleBinding(
      name, ts_node_start_byte(root), &module_level);
  if (!b || ts_node_is_null(b->value))
    return {TSNode{}, "the client " + name +
                          " is a parameter, an import or bound more than "
                          "once: keyshift cannot tell whether it moves"};
  TSNode c = constructionIn(ctx, b->value);
  if (ts_node_is_null(c))
    return {TSNode{}, "the client " + name + " is bound to " +
                          snippet(ctx.file.textOf(b->value)) +
                          ", not a client construction keyshift knows"};
  return {c, ""};
}

/// The client construction's finding, decided exactly as its own rule
/// decides it (the model-name rule carries the client rule's parameters).
std::optional<Finding> decideClient(const ActionContext &ctx,
                                    TSNode construction) {
  ActionContext client_ctx{ctx.rule,     ctx.match, construction, ctx.file,
                           ctx.spelling, ctx.proxy, ctx.options,  ctx.facts};
  return setCallArgument(client_ctx);
}

Finding reported(const ActionContext &ctx, TSNode model, std::string why) {
  return makeFinding(ctx, model, ctx.rule.kind,
                     ctx.rule.message + " (not rewritten: " + why + ")");
}

/// A name that is a module-level name (`settings.MODEL`, a settings
/// module's env read with a literal default): says so in `f`, with the
/// client's flows, when the call's client moves to the proxy or is on one
/// already. The repository plan then names the value where it is set
/// (RepoPlan "model flows"), moving with the client or not at all.
void linkModelSymbol(const ActionContext &ctx, TSNode value, Finding &f) {
  auto symbol = keySymbol(ctx.file, value);
  if (!symbol)
    return;
  ClientLink link = linkClient(ctx);
  if (ts_node_is_null(link.construction))
    return;
  std::optional<Finding> client = decideClient(ctx, link.construction);
  if (!client)
    return;
  bool moves = client->change && client->kind == ctx.rule.kind;
  if (!moves && client->kind != FindingKind::AlreadyProxied)
    return;
  f.model_symbol = *symbol;
  f.model_at = ts_node_start_byte(value);
  f.model_client_moves = moves;
  f.flow_envs = client->flow_envs;
  f.key_symbol = client->key_symbol;
  f.key_at = client->key_at;
  f.related.push_back(relatedAt(ctx, link.construction,
                                moves ? "the client, which moves to the proxy"
                                      : "the client, already on a proxy"));
}

} // namespace

ModelNameSite modelNameSite(const ActionContext &ctx) {
  const Dialect &d = ctx.dialect();
  ModelNameSite site;
  TSNode model = ctx.located;
  TSNode value = d.unwrap(model);
  auto lit = d.readString(value, ctx.text());
  bool plain = lit && lit->simple && !lit->bytes && !lit->formatted &&
               !lit->pieces.empty();
  if (!plain) {
    if (lit) {
      site.settled =
          reported(ctx, model,
                   std::string("the name is built at run time (") +
                       std::string(lit->formatted || lit->quote == "`"
                                       ? d.formattedName()
                                       : "a literal with escapes") +
                       "): check the proxy serves every value");
      return site;
    }
    // A name from a variable: where it is bound, when keyshift can see it.
    Finding f =
        reported(ctx, model,
                 "the name comes from " + snippet(ctx.file.textOf(model)) +
                     ": make sure the proxy serves its value, or give it the "
                     "proxy's name where it is set");
    if (nodeType(value) == "identifier") {
      const Binding *b = ctx.file.scopes.singleBinding(
          ctx.file.textOf(value), ts_node_start_byte(value));
      if (b && !ts_node_is_null(b->value))
        f.related.push_back(relatedAt(ctx, b->value,
                                      "the model name is set here: " +
                                          snippet(ctx.file.textOf(b->value))));
    }
    site.settled = std::move(f);
    site.value = value;
    return site;
  }
  site.name = lit->value;
  ProxyModelName m = proxyModelName(ctx.proxy.models, site.name);
  if ((m.to.empty() && m.why.empty()) || m.to == site.name) {
    // No naming rule applies, or the name is the proxy's already.
    site.settled = makeFinding(ctx, model);
    return site;
  }
  site.why = std::move(m.why);
  site.to = std::move(m.to);
  site.edit = Edit{lit->pieces[0], site.to, ctx.rule.id};
  site.after = std::string(lit->prefix) + std::string(lit->quote) + site.to +
               std::string(lit->quote);
  return site;
}

Finding reportedModelName(const ActionContext &ctx, std::string why) {
  return reported(ctx, ctx.located, std::move(why));
}

std::optional<Finding> setModelName(const ActionContext &ctx) {
  TSNode model = ctx.located;
  ModelNameSite site = modelNameSite(ctx);
  if (site.settled) {
    if (!ts_node_is_null(site.value))
      linkModelSymbol(ctx, site.value, *site.settled);
    return site.settled;
  }
  ClientLink link = linkClient(ctx);
  if (ts_node_is_null(link.construction))
    return reported(ctx, model, link.why);
  std::optional<Finding> client = decideClient(ctx, link.construction);
  bool moves = client && client->change && client->kind == ctx.rule.kind;
  if (!moves) {
    std::string why =
        client && client->kind == FindingKind::AlreadyProxied
            ? "the client already sends to another base URL"
            : "the client stays on OpenAI, which knows the name as it is";
    Finding f = reported(ctx, model, why);
    f.related.push_back(relatedAt(ctx, link.construction, "the client"));
    return f;
  }
  if (!site.why.empty()) {
    Finding f = reported(ctx, model, site.why);
    f.related.push_back(
        relatedAt(ctx, link.construction, "the client, which moves"));
    return f;
  }
  Finding f = makeFinding(ctx, model, ctx.rule.kind,
                          "model name takes the proxy's naming: " + site.name +
                              " -> " + site.to);
  // The client's edits as they are (imports included), and the name's.
  ChangeGroup group = *client->change;
  group.edits.push_back(site.edit);
  for (Edit &e : group.edits)
    e.rule_id = ctx.rule.id;
  group.rule_id = ctx.rule.id;
  f.change = std::move(group);
  f.after = site.after;
  f.flow_envs = client->flow_envs;
  f.key_symbol = client->key_symbol;
  f.key_at = client->key_at;
  f.related.push_back(relatedAt(ctx, link.construction,
                                "the client, which moves to the proxy"));
  return f;
}

} // namespace keyshift::ts
