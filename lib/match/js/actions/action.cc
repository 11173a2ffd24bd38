#include "match/js/actions/action.h"

#include "match/treesitter/engine_support.h"
#include "match/treesitter/tree.h"
#include "secrets/find_secrets.h"
#include "secrets/key_classifier.h"

#include <algorithm>

namespace keyshift::js {
namespace {

/// `process.env.OPENAI_API_KEY ?? ""`: the env read, when the fallback is
/// a literal that is not itself a key (an empty or placeholder string).
TSNode envWithLiteralFallback(const ActionContext &ctx, TSNode value) {
  if (ts::nodeType(value) != "binary_expression")
    return value;
  std::string_view op =
      ts::nodeText(ts::childByField(value, "operator"), ctx.text);
  if (op != "??" && op != "||")
    return value;
  auto fallback =
      readString(unwrapExpression(ts::childByField(value, "right")), ctx.text);
  if (!fallback || !fallback->simple || secrets::classifyKey(fallback->value))
    return value;
  return unwrapExpression(ts::childByField(value, "left"));
}

} // namespace

TSNode ActionContext::capture(std::string_view name) const {
  const TSNode *n = match.find(name);
  return n ? *n : TSNode{};
}

Finding makeFinding(const ActionContext &ctx, TSNode node) {
  return makeFinding(ctx, node, ctx.rule.kind, ctx.rule.message);
}

Finding makeFinding(const ActionContext &ctx, TSNode node, FindingKind kind,
                    std::string message) {
  return ts::ruleFinding(ctx.rule, node, ctx.text, kind, std::move(message));
}

void attachChange(const ActionContext &ctx, Finding &finding,
                  std::vector<Edit> edits) {
  // `after`: the finding's own text with the edits that fall inside it.
  if (auto after = ts::textAfter(ctx.text, finding.range, edits))
    finding.after = std::move(*after);
  const std::string &wrapper = ctx.rule.action.shim_wrap;
  if (!wrapper.empty()) {
    std::string call = ctx.spelling.wrapName(wrapper) + "(";
    bool wraps = std::any_of(edits.begin(), edits.end(), [&](const Edit &e) {
      return e.replacement == call;
    });
    if (wraps)
      if (auto imp = ctx.spelling.importWrapEdit(wrapper, ctx.rule.id))
        edits.push_back(*imp);
  }
  for (Edit &e : edits)
    e.rule_id = ctx.rule.id;
  finding.change = ChangeGroup{ctx.rule.id, std::move(edits)};
}

KeyValue classifyKeyValue(const ActionContext &ctx, TSNode value) {
  KeyValue kv;
  if (ts_node_is_null(value)) {
    kv.why = "the key comes from a shorthand property or accessor keyshift "
             "cannot see through";
    return kv;
  }
  TSNode v = envWithLiteralFallback(ctx, unwrapExpression(value));
  if (auto env = asEnvRead(v, ctx.text, ctx.imports)) {
    if (env->name == ctx.proxy.key_env) {
      kv.migratable = true;
    } else if (env->name == "OPENAI_API_KEY") {
      kv.migratable = true;
      kv.edit = Edit{env->name_range, ctx.proxy.key_env, ctx.rule.id};
    } else {
      kv.why = "the key comes from " + env->name +
               ", which keyshift does not know to be the proxy key";
    }
    return kv;
  }
  auto lit = readString(v, ctx.text);
  if (lit && lit->simple && secrets::classifyKey(lit->value) &&
      !secrets::isPlaceholder(lit->value)) {
    kv.migratable = true;
    kv.edit = Edit{lit->range, ctx.spelling.keyExpr(), ctx.rule.id};
    return kv;
  }
  kv.why = lit ? "the key is a literal keyshift cannot move to the "
                 "environment (template, placeholder or partial key)"
               : "the key comes from an expression keyshift cannot see "
                 "through";
  return kv;
}

} // namespace keyshift::js
