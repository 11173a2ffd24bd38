// rename-env-var: `os.environ["OPENAI_API_KEY"]`, `process.env.OPENAI_API_KEY`
// -> the same read of K. Only the name changes (inside the quotes where it
// is quoted), so quoting, defaults, optional chaining and the surrounding
// code are kept as written. A write to the variable is never renamed.
#include "match/treesitter/actions/action.h"
#include "match/treesitter/name_constant.h"
#include "match/treesitter/raw_request.h"

#include <algorithm>

namespace keyshift::ts {

namespace {

/// A settings field (Dialect::settingsFields) reads the variable by
/// itself: there is no name in the code to rename, and renaming the field
/// would change the code that uses it. Reported, it holds the variable's
/// flow (its reads, its config entries, the clients relying on it).
std::optional<Finding> settingsField(const ActionContext &ctx) {
  const auto &from = ctx.rule.action.from;
  for (const SettingsField &field : ctx.dialect().settingsFields(ctx.file)) {
    if (!ts_node_eq(field.node, ctx.located))
      continue;
    std::vector<std::string> envs;
    for (const std::string &env : field.envs)
      if (std::find(from.begin(), from.end(), env) != from.end())
        envs.push_back(env);
    if (envs.empty())
      return std::nullopt;
    const std::string &target = ctx.rule.action.to == "base_url_env"
                                    ? ctx.proxy.base_url_env
                                    : ctx.proxy.key_env;
    const std::string proxy_var =
        target.empty() ? std::string("the proxy variable") : target;
    Finding f = makeFinding(
        ctx, ctx.located, FindingKind::NeedsReview,
        "the pydantic settings field " + field.cls + "." + field.name +
            " reads " + envs.front() +
            " from the environment by itself: keyshift does not rename it, "
            "so " +
            envs.front() +
            " stays as it is everywhere (its reads, config entries and the "
            "clients relying on it). To migrate, have the field read " +
            proxy_var + " (`Field(validation_alias=\"" + proxy_var +
            "\")`, `env=` in pydantic v1) in the same change as those "
            "clients, by hand");
    f.flow_envs = std::move(envs);
    return f;
  }
  return std::nullopt;
}

/// A string literal that is exactly the variable's name, in code that is
/// no environment read keyshift understands (`key_env = "OPENAI_API_KEY"`
/// then `os.getenv(key_env)`, `get_key(cfg, "OPENAI_API_KEY")`, a loop over
/// names): something may read the variable by it, so it is reported and
/// holds the variable's flow, or the reads keyshift sees would be renamed
/// while this one still reads the old name.
std::optional<Finding> envNameLiteral(const ActionContext &ctx) {
  const Dialect &d = ctx.dialect();
  auto lit = d.readString(ctx.located, ctx.text());
  const auto &from = ctx.rule.action.from;
  if (!lit || !lit->simple ||
      std::find(from.begin(), from.end(), lit->value) == from.end())
    return std::nullopt;
  // The name of a read or write keyshift understands (`os.getenv("K")`,
  // `"K" in os.environ`, `os.environ.update({"K": v})`) is that read's, and
  // a settings field's alias is the field's.
  std::vector<SettingsField> fields = d.settingsFields(ctx.file);
  TSNode n = ctx.located;
  for (int depth = 0; depth < 8 && !ts_node_is_null(n); ++depth) {
    n = ctx.file.parent(n);
    if (ts_node_is_null(n))
      break;
    if (auto env = d.envRead(n, ctx.file);
        env && lit->range.contains(env->name_range.offset))
      return std::nullopt;
    for (const SettingsField &f : fields)
      if (ts_node_eq(f.node, n))
        return std::nullopt;
  }
  // A name constant read only as the variable's name is that read: the
  // reads carry its rename (name_constant.h).
  std::string where = "a string keyshift does not follow (a helper, a loop "
                      "or a lookup may read the variable by it)";
  if (auto constant = nameConstantOf(ctx.file, ctx.located)) {
    if (constant->followed())
      return std::nullopt;
    where = "the constant " + constant->name +
            ", which keyshift does not follow: " + constant->whyNotFollowed() +
            ", where code may read or set the variable by that name";
  }
  Finding f = makeFinding(
      ctx, ctx.located, FindingKind::NeedsReview,
      "the name " + lit->value + " in " + where + ": not renamed, so " +
          lit->value +
          " stays as it is everywhere (its reads, config entries and the "
          "clients relying on it); migrate it with the code that uses the "
          "name, by hand");
  f.flow_envs.push_back(lit->value);
  return f;
}

} // namespace

std::optional<Finding> renameEnvVar(const ActionContext &ctx) {
  auto env = ctx.dialect().envRead(ctx.located, ctx.file);
  if (!env) {
    if (auto field = settingsField(ctx))
      return field;
    return envNameLiteral(ctx);
  }
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
  if (!env->constant.empty())
    f.message +=
        " (by the name " + env->constant + " holds: renamed where it is set)";
  attachChange(ctx, f, {env->rename(target, ctx.rule.id)});
  return f;
}

} // namespace keyshift::ts
