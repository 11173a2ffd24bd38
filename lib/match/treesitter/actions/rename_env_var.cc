// rename-env-var: `os.environ["OPENAI_API_KEY"]`, `process.env.OPENAI_API_KEY`
// -> the same read of K. Only the name changes (inside the quotes where it
// is quoted), so quoting, defaults, optional chaining and the surrounding
// code are kept as written. A write to the variable is never renamed.
#include "match/treesitter/actions/action.h"
#include "match/treesitter/raw_request.h"

#include <algorithm>

namespace keyshift::ts {

std::optional<Finding> renameEnvVar(const ActionContext &ctx) {
  auto env = ctx.dialect().envRead(ctx.located, ctx.file);
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
  f.flow_envs.push_back(env->name);
  // A write gives the variable a value keyshift does not know (a vault, a
  // parameter, another variable): it may be an OpenAI key. Renamed, the
  // proxy variable would carry it to the proxy; so it stays, reported, and
  // holds its flow: every read of the name and every client relying on it
  // stays with it (the repository plan blocks the flow on this finding).
  if (env->writes) {
    f.kind = FindingKind::NeedsReview;
    f.sets_env = true;
    const std::string proxy_var =
        target.empty() ? std::string("the proxy variable") : target;
    f.message = "sets " + env->name +
                " here (or deletes it): not renamed, since the value written "
                "may be an OpenAI key that " +
                proxy_var + " would carry to the proxy; every read of " +
                env->name +
                " and every client relying on it stay on OpenAI with it. Set " +
                proxy_var + " from the proxy key instead, then run again";
    return f;
  }
  if (target.empty()) {
    f.message += " (set proxy.base_url_env to have it renamed)";
    return f;
  }
  // Sent by hand to a URL that stays where it is: K must not go there.
  std::string deferred;
  if (ctx.rule.action.to != "base_url_env")
    if (std::string why = keyBlockedByRequest(ctx, ctx.located, &deferred);
        !why.empty()) {
      f.kind = FindingKind::NeedsReview;
      f.message += " (not rewritten: " + why + ")";
      return f;
    }
  if (!deferred.empty()) { // RepoPlan::proveClientClasses
    f.client_symbol = deferred;
    f.client_symbols = reExportableClients();
  }
  // Where else the value goes: the plan holds the rename back if some code
  // staying on OpenAI sends a key keyshift cannot trace.
  if (ctx.rule.action.to != "base_url_env")
    f.escapes_to = keyEscape(ctx, ctx.located);
  // process.env.MY-KEY would be a subtraction.
  if (!env->canRename(target)) {
    f.message += " (" + target + " is not an identifier: rename it by hand)";
    return f;
  }
  attachChange(ctx, f, {env->rename(target, ctx.rule.id)});
  return f;
}

} // namespace keyshift::ts
