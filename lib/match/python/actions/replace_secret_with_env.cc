// replace-secret-with-env: a string literal holding an OpenAI key becomes a
// read of the proxy key variable. The finding never carries the key in
// clear: `before` is redacted and the secret is described by fingerprint.
#include "match/python/actions/action.h"
#include "match/treesitter/tree.h"
#include "secrets/key_classifier.h"
#include "secrets/redaction.h"

namespace keyshift::python {

std::optional<Finding> replaceSecretWithEnv(const ActionContext &ctx) {
  auto s = readString(ctx.located, ctx.text);
  if (!s || !s->simple || s->value.empty())
    return std::nullopt;
  if (secrets::isPlaceholder(s->value))
    return std::nullopt;
  auto info = secrets::describe(s->value);
  if (!info)
    return std::nullopt;
  Finding f = makeFinding(ctx, ctx.located);
  f.secret = *info;
  f.before = std::string(s->prefix) + std::string(s->quote) + info->redacted +
             std::string(s->quote);
  TSNode parent = ts_node_parent(ctx.located);
  bool standalone = ts::nodeType(parent) != "concatenated_string" &&
                    !s->isBytes() &&
                    s->prefix.find_first_of("fF") == std::string_view::npos;
  if (!standalone) {
    f.message += " (part of a larger literal: move it to the environment "
                 "by hand)";
    return f;
  }
  attachChange(ctx, f, {Edit{s->range, ctx.spelling.keyExpr(), ctx.rule.id}});
  return f;
}

} // namespace keyshift::python
