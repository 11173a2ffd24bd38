#include "match/treesitter/actions/action.h"

#include "match/finding_text.h"
#include "match/rule_finding.h"
#include "match/secret_literal.h"
#include "match/treesitter/module_index.h"
#include "match/treesitter/name_constant.h"
#include "match/url_prefix.h"
#include "secrets/key_classifier.h"

#include <algorithm>

namespace keyshift::ts {
namespace {

/// Whether a key read of `env` may go to the proxy (and be renamed).
void classifyEnv(const ActionContext &ctx, const std::string &env,
                 KeyValue &kv) {
  kv.env = env;
  if (env == ctx.proxy.key_env || env == "OPENAI_API_KEY")
    kv.migratable = true;
  else
    kv.why = "the key comes from " + env +
             ", which keyshift does not know to be the proxy key";
}

/// A key named at module level (`settings.OPENAI_API_KEY`, `KEY`): what
/// the plan (or the file itself) says it reads.
void classifySymbol(const ActionContext &ctx, TSNode value,
                    const std::string &symbol, KeyValue &kv) {
  kv.symbol = symbol;
  kv.symbol_at = ts_node_start_byte(value);
  const FlowQuery *flows = ctx.file.flows;
  std::optional<KeySource> source;
  if (isOwnSymbol(symbol)) {
    // This module's own binding: its read is a finding of this file.
    if (auto env = moduleEnvPath(ctx.file, std::string_view(symbol).substr(1),
                                 kv.symbol_at))
      source = KeySource{env->name, {}};
  } else if (flows) {
    source = flows->keySource(symbol);
  }
  if (source) {
    classifyEnv(ctx, source->env, kv);
    if (source->site.line)
      kv.site = source->site;
    return;
  }
  if (flows && flows->indexing()) {
    kv.migratable = true; // the plan decides, in the edit pass
    return;
  }
  kv.opaque = true;
  kv.why = "the key comes from " + symbol.substr(isOwnSymbol(symbol)) +
           ", which keyshift cannot trace to an environment read";
}

} // namespace

void noteKeyFlow(const KeyValue &kv, Finding &finding) {
  if (!kv.env.empty())
    finding.flow_envs.push_back(kv.env);
  finding.key_symbol = kv.symbol;
  finding.key_at = kv.symbol_at;
  if (kv.site)
    finding.related.push_back(*kv.site);
}

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
  case ActionType::SetModelName:
    return setModelName(ctx);
  case ActionType::SetBodyModelName:
    return setBodyModelName(ctx);
  case ActionType::ReportOnly: {
    Finding f = makeFinding(ctx, ctx.located);
    f.flow_envs = ctx.rule.action.from;
    return f;
  }
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

KeyValue classifyKeyValue(const ActionContext &ctx, TSNode value, int depth) {
  KeyValue kv;
  if (ts_node_is_null(value)) {
    kv.opaque = true;
    kv.why = "the key comes from a shorthand property or accessor keyshift "
             "cannot see through";
    return kv;
  }
  const Dialect &d = ctx.dialect();
  TSNode v = withoutLiteralFallback(ctx.file, d.unwrap(value));
  if (auto env = d.envRead(v, ctx.file)) {
    classifyEnv(ctx, env->name, kv);
    if (env->name == "OPENAI_API_KEY" && env->name != ctx.proxy.key_env)
      kv.edit = env->rename(ctx.proxy.key_env, ctx.rule.id);
    return kv;
  }
  // `process.env[KEY_NAME]` by a constant keyshift does not follow: the
  // variable is known (its flow is held with this client), its rename is
  // not.
  if (EnvAccess access = d.envAccess(v, ctx.file);
      !ts_node_is_null(access.name))
    if (auto constant = nameConstantAt(ctx.file, d.unwrap(access.name));
        constant && !constant->followed()) {
      kv.env = constant->literal.value;
      kv.why = "the key is read by the name the constant " + constant->name +
               " holds (" + kv.env + "), which keyshift does not follow: " +
               constant->whyNotFollowed();
      return kv;
    }
  if (auto symbol = keySymbol(ctx.file, v)) {
    classifySymbol(ctx, v, *symbol, kv);
    return kv;
  }
  // `key = os.environ["OPENAI_API_KEY"]` in a function, then `key`: the
  // read it is bound to, once (a parameter has none).
  if (isNameReference(v)) {
    bool module_level = false;
    const Binding *b = ctx.file.scopes.singleBinding(
        ctx.file.textOf(v), ts_node_start_byte(v), &module_level);
    if (b && !module_level && depth < 4)
      return classifyKeyValue(ctx, b->value, depth + 1);
    kv.opaque = true;
    kv.why = "the key comes from " + std::string(ctx.file.textOf(v)) +
             ", which keyshift cannot trace to an environment read";
    return kv;
  }
  auto lit = d.readString(v, ctx.text());
  bool plain = lit && lit->simple && !lit->bytes && !lit->formatted;
  if (plain && secretLiteral(lit->value)) {
    kv.migratable = true;
    kv.edit = Edit{lit->range, ctx.spelling.keyExpr(), ctx.rule.id};
    return kv;
  }
  kv.opaque = !lit || lit->formatted;
  kv.why = lit ? "the key is a literal keyshift cannot move to the "
                 "environment (" +
                     std::string(d.formattedName()) +
                     ", placeholder or partial key)"
               : "the key comes from an expression keyshift cannot see "
                 "through";
  return kv;
}

url::HostKind literalHost(const ActionContext &ctx, TSNode literal) {
  auto s = ctx.dialect().readString(literal, ctx.text());
  if (!s || s->pieces.empty() || s->pieces[0].offset != s->contentStart())
    return url::HostKind::Other;
  ByteRange first = s->pieces[0];
  url::HostKind kind =
      url::hostOf(ctx.text().substr(first.offset, first.length));
  // `"https://"` alone is a whole (odd) literal; followed by an
  // interpolation, the host is whatever that holds.
  if (kind == url::HostKind::NotWritten && s->pieces.size() == 1 &&
      first.end() + s->quote.size() == s->range.end())
    return url::HostKind::Other;
  return kind;
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
