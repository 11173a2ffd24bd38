// rename-env-var: `process.env.OPENAI_API_KEY` -> `process.env.K`. Only the
// name changes (inside the quotes for process.env["..."]), so optional
// chaining, `?? default` and the surrounding code are kept as written.
#include "match/js/actions/action.h"
#include "match/treesitter/tree.h"

#include <algorithm>

namespace keyshift::js {

std::optional<Finding> renameEnvVar(const ActionContext &ctx) {
  auto env = asEnvRead(ctx.located, ctx.text, ctx.imports);
  if (!env)
    return std::nullopt;
  const auto &from = ctx.rule.action.from;
  if (std::find(from.begin(), from.end(), env->name) == from.end())
    return std::nullopt;
  const std::string &target = ctx.rule.action.to == "base_url_env"
                                  ? ctx.proxy.base_url_env
                                  : ctx.proxy.key_env;
  if (target == env->name)
    return std::nullopt;
  Finding f = makeFinding(ctx, ctx.located);
  if (target.empty()) {
    f.message += " (set proxy.base_url_env to have it renamed)";
    return f;
  }
  // process.env.MY-KEY would be a subtraction.
  if (ts::nodeType(ctx.located) == "member_expression" &&
      !isIdentifierName(target)) {
    f.message += " (" + target + " is not an identifier: rename it by hand)";
    return f;
  }
  attachChange(ctx, f, {Edit{env->name_range, target, ctx.rule.id}});
  return f;
}

} // namespace keyshift::js
