// rename-env-var: `os.environ["OPENAI_API_KEY"]` -> `os.environ["K"]`.
// Only the name inside the quotes changes, so quoting, the default of
// `os.getenv(name, default)` and the surrounding call are kept as written.
#include "match/python/actions/action.h"

#include <algorithm>

namespace keyshift::python {

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
  attachChange(ctx, f, {Edit{env->name_range, target, ctx.rule.id}});
  return f;
}

} // namespace keyshift::python
