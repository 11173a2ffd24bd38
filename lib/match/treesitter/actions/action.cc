#include "match/treesitter/actions/action.h"

#include "match/finding_text.h"
#include "match/rule_finding.h"
#include "match/secret_literal.h"
#include "match/url_prefix.h"
#include "secrets/key_classifier.h"

#include <algorithm>

namespace keyshift::ts {
namespace {

/// `process.env.OPENAI_API_KEY ?? ""`: the env read, when the fallback is
/// a literal that is not itself a key (an empty or placeholder string).
TSNode withoutLiteralFallback(const ActionContext &ctx, TSNode value) {
  const Dialect &d = ctx.dialect();
  Fallback fb = d.splitFallback(value, ctx.text());
  if (ts_node_is_null(fb.fallback))
    return value;
  auto literal = d.readString(d.unwrap(fb.fallback), ctx.text());
  if (!literal || !literal->simple || secrets::classifyKey(literal->value))
    return value;
  return d.unwrap(fb.primary);
}

} // namespace

TSNode ActionContext::capture(std::string_view name) const {
  const TSNode *n = match.find(name);
  return n ? *n : TSNode{};
}

std::optional<Finding> runAction(const ActionContext &ctx) {
  using ruleset::ActionType;
  switch (ctx.rule.action.type) {
  case ActionType::SetCallArgument:
    return setCallArgument(ctx);
  case ActionType::RenameEnvVar:
    return renameEnvVar(ctx);
  case ActionType::ReplaceUrlPrefix:
    return replaceUrlPrefix(ctx);
  case ActionType::ReplaceSecretWithEnv:
    return replaceSecretWithEnv(ctx);
  case ActionType::InsertAfterStatement:
    return insertAfterStatement(ctx);
  case ActionType::ReportOnly:
    return makeFinding(ctx, ctx.located);
  }
  return std::nullopt;
}

Finding makeFinding(const ActionContext &ctx, TSNode node) {
  return makeFinding(ctx, node, ctx.rule.kind, ctx.rule.message);
}

Finding makeFinding(const ActionContext &ctx, TSNode node, FindingKind kind,
                    std::string message) {
  return ruleFinding(ctx.rule, kind, std::move(message), nodeRange(node),
                     snippet(ctx.file.textOf(node)));
}

void attachChange(const ActionContext &ctx, Finding &finding,
                  std::vector<Edit> edits) {
  // `after`: the finding's own text with the edits that fall inside it.
  if (auto after = textAfter(ctx.text(), finding.range, edits))
    finding.after = std::move(*after);
  for (Edit &e : ctx.spelling.importsFor(edits, ctx.rule.id))
    edits.push_back(std::move(e));
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
  const Dialect &d = ctx.dialect();
  TSNode v = withoutLiteralFallback(ctx, d.unwrap(value));
  if (auto env = d.envRead(v, ctx.file)) {
    if (env->name == ctx.proxy.key_env) {
      kv.migratable = true;
    } else if (env->name == "OPENAI_API_KEY") {
      kv.migratable = true;
      kv.edit = env->rename(ctx.proxy.key_env, ctx.rule.id);
    } else {
      kv.why = "the key comes from " + env->name +
               ", which keyshift does not know to be the proxy key";
    }
    return kv;
  }
  auto lit = d.readString(v, ctx.text());
  bool plain = lit && lit->simple && !lit->bytes && !lit->formatted;
  if (plain && secretLiteral(lit->value)) {
    kv.migratable = true;
    kv.edit = Edit{lit->range, ctx.spelling.keyExpr(), ctx.rule.id};
    return kv;
  }
  kv.why = lit ? "the key is a literal keyshift cannot move to the "
                 "environment (" +
                     std::string(d.formattedName()) +
                     ", placeholder or partial key)"
               : "the key comes from an expression keyshift cannot see "
                 "through";
  return kv;
}

std::optional<Edit> urlPrefixEdit(const ActionContext &ctx, TSNode node,
                                  const std::vector<std::string> &prefixes,
                                  bool *bare_host) {
  *bare_host = false;
  auto s = ctx.dialect().readString(node, ctx.text());
  if (!s || s->pieces.empty())
    return std::nullopt;
  ByteRange first = s->pieces[0];
  if (first.offset != s->contentStart())
    return std::nullopt; // starts with an interpolation or an escape
  auto m = url::matchPrefix(ctx.text().substr(first.offset, first.length),
                            prefixes, ctx.proxy.base_url);
  if (!m)
    return std::nullopt;
  if (m->bare_host) {
    *bare_host = true;
    return std::nullopt;
  }
  return Edit{ByteRange{first.offset, m->length}, m->replacement, ctx.rule.id};
}

} // namespace keyshift::ts
