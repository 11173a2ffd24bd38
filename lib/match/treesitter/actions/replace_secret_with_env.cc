// replace-secret-with-env: a string literal holding an OpenAI key becomes a
// read of the proxy key variable. The finding never carries the key in
// clear: `before` is redacted and the secret is described by fingerprint.
#include "match/secret_literal.h"
#include "match/treesitter/actions/action.h"

namespace keyshift::ts {

std::optional<Finding> replaceSecretWithEnv(const ActionContext &ctx) {
  auto s = ctx.dialect().readString(ctx.located, ctx.text());
  if (!s || !s->simple)
    return std::nullopt;
  auto info = secretLiteral(s->value);
  if (!info)
    return std::nullopt;
  Finding f = makeFinding(ctx, ctx.located);
  f.secret = *info;
  f.before = std::string(s->prefix) + std::string(s->quote) + info->redacted +
             std::string(s->quote);
  if (auto why = ctx.dialect().fixedLiteral(ctx.located, *s, ctx.file)) {
    f.message += " (" + *why + ": move it to the environment by hand)";
    return f;
  }
  std::string replacement =
      ctx.dialect().expressionAt(ctx.located, ctx.spelling.keyExpr(), ctx.file);
  attachChange(ctx, f, {Edit{s->range, replacement, ctx.rule.id}});
  return f;
}

} // namespace keyshift::ts
