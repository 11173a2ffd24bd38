#include "config/options.h"

#include "base/json_diag.h"

#include <filesystem>
#include <functional>

namespace keyshift::config {
namespace {
namespace fs = std::filesystem;

/// Where a value came from, for error messages: a key in the config file
/// ("x/.keyshift.json: /proxy/base_url") or a flag ("--base-url").
using Origin = std::function<std::string(const char *key, const char *flag)>;

Error configError(const std::string &origin, const std::string &problem) {
  return makeError(ErrorCode::Config, origin + ": " + problem);
}

struct ProxyOrigins {
  std::string base_url, key_env, base_url_env;
};

Result<void> applyLayer(const ConfigValues &v, const Origin &origin,
                        const std::vector<Preset> &presets,
                        ProxySettings &proxy, ProxyOrigins &where) {
  if (v.preset) {
    std::string at = origin("preset", "--preset");
    const Preset *found = nullptr;
    std::vector<std::string> names;
    for (const auto &p : presets) {
      names.push_back(p.name);
      if (p.name == *v.preset)
        found = &p;
    }
    if (found == nullptr) {
      std::string hint = json_diag::suggest(*v.preset, names);
      if (hint.empty()) {
        hint = " (known presets: ";
        for (std::size_t i = 0; i < names.size(); ++i)
          hint += (i ? ", " : "") + names[i];
        hint += ")";
      }
      return configError(at, "unknown preset '" + *v.preset + "'" + hint);
    }
    proxy.preset = found->name;
    proxy.base_url = found->base_url;
    proxy.key_env = found->key_env;
    proxy.models = found->models;
    proxy.headers = found->headers;
    where.base_url = where.key_env = at;
  }
  if (v.base_url) {
    proxy.base_url = *v.base_url;
    where.base_url = origin("base_url", "--base-url");
  }
  if (v.key_env) {
    proxy.key_env = *v.key_env;
    where.key_env = origin("key_env", "--key-env");
  }
  if (v.base_url_env) {
    proxy.base_url_env = *v.base_url_env;
    where.base_url_env = origin("base_url_env", "--base-url-env");
  }
  return {};
}

std::string relativeTo(const std::string &dir, const std::string &path) {
  if (dir.empty() || path.empty() || fs::path(path).is_absolute())
    return path;
  return (fs::path(dir) / path).lexically_normal().string();
}

std::vector<std::string> relativeTo(const std::string &dir,
                                    const std::vector<std::string> &paths) {
  std::vector<std::string> out;
  for (const auto &p : paths)
    out.push_back(relativeTo(dir, p));
  return out;
}

} // namespace

Result<Options> resolve(const std::optional<FileConfig> &file,
                        const Overrides &flags,
                        const std::vector<Preset> &presets,
                        bool proxy_required) {
  Options o;
  ProxyOrigins where;
  if (file) {
    o.config_path = file->path;
    o.config_dir = fs::path(file->path).parent_path().string();
    std::string path = file->path;
    Origin from_file = [path](const char *key, const char *) {
      return path + ": /proxy/" + key;
    };
    if (auto r = applyLayer(*file, from_file, presets, o.proxy, where); !r)
      return r.error();

    const std::string &dir = o.config_dir;
    if (file->include)
      o.include = *file->include;
    if (file->exclude)
      o.exclude = *file->exclude;
    if (file->disable)
      o.disable = *file->disable;
    if (file->extra)
      o.extra = relativeTo(dir, *file->extra);
    if (file->shim)
      o.shim = *file->shim;
    if (file->include_docs)
      o.include_docs = *file->include_docs;
    if (file->baseline)
      o.baseline = relativeTo(dir, *file->baseline);
    if (file->compile_commands_dir)
      o.compile_commands_dir = relativeTo(dir, *file->compile_commands_dir);
    if (file->include_dirs)
      o.include_dirs = relativeTo(dir, *file->include_dirs);
    if (file->max_file_size)
      o.max_file_size = *file->max_file_size;
  }

  Origin from_flags = [](const char *, const char *flag) {
    return std::string(flag);
  };
  if (auto r = applyLayer(flags, from_flags, presets, o.proxy, where); !r)
    return r.error();
  if (flags.include)
    o.include = *flags.include;
  if (flags.exclude)
    o.exclude = *flags.exclude;
  if (flags.disable)
    o.disable = *flags.disable;
  if (flags.extra)
    o.extra = *flags.extra;
  if (flags.shim)
    o.shim = *flags.shim;
  if (flags.include_docs)
    o.include_docs = *flags.include_docs;
  if (flags.baseline)
    o.baseline = *flags.baseline;
  if (flags.compile_commands_dir)
    o.compile_commands_dir = *flags.compile_commands_dir;
  if (flags.include_dirs)
    o.include_dirs = *flags.include_dirs;
  if (flags.max_file_size) {
    if (*flags.max_file_size == 0)
      return configError("--max-file-size", "must be a positive integer");
    o.max_file_size = *flags.max_file_size;
  }
  // The file's model naming is the user's: it beats any preset's default,
  // a --preset flag's too.
  if (file && file->models)
    o.proxy.models = *file->models;
  if (file && file->litellm_config)
    o.litellm_config = relativeTo(o.config_dir, *file->litellm_config);
  if (flags.litellm_config)
    o.litellm_config = *flags.litellm_config;

  bool no_url = o.proxy.base_url.empty() && where.base_url.empty();
  bool no_key = o.proxy.key_env.empty() && where.key_env.empty();
  if (no_url && no_key && !proxy_required)
    return o;
  if (no_url || no_key) {
    std::string msg = "no proxy configured: ";
    if (no_url != no_key)
      msg += std::string(no_url ? "base_url" : "key_env") + " is missing; ";
    msg += "set proxy.preset, or proxy.base_url and proxy.key_env, in "
           ".keyshift.json, or pass --preset, or --base-url and --key-env "
           "(`keyshift init` writes a starting config, `keyshift presets` "
           "lists the presets)";
    return makeError(ErrorCode::Config,
                     o.config_path.empty() ? msg : o.config_path + ": " + msg);
  }
  if (!isHttpUrl(o.proxy.base_url))
    return configError(where.base_url,
                       "must be an http:// or https:// URL without quotes, "
                       "backslashes, braces, '$' or whitespace, got '" +
                           o.proxy.base_url + "'");
  // API paths are appended to the base URL: "https://gw/v1?a=1" would give
  // "https://gw/v1?a=1/models".
  if (o.proxy.base_url.find_first_of("?#") != std::string::npos)
    return configError(where.base_url,
                       "must not have a ?query or #fragment (API paths are "
                       "appended to it), got '" +
                           o.proxy.base_url + "'");
  // "https://gw/v1/" + "/chat" would double the slash when a prefix is
  // replaced; keep the URL in one canonical form.
  while (o.proxy.base_url.size() > 1 && o.proxy.base_url.back() == '/')
    o.proxy.base_url.pop_back();
  if (!isValidEnvName(o.proxy.key_env))
    return configError(where.key_env,
                       "'" + o.proxy.key_env +
                           "' is not an environment variable name "
                           "([A-Za-z_][A-Za-z0-9_]*)");
  if (!where.base_url_env.empty() && !isValidEnvName(o.proxy.base_url_env))
    return configError(where.base_url_env,
                       "'" + o.proxy.base_url_env +
                           "' is not an environment variable name "
                           "([A-Za-z_][A-Za-z0-9_]*)");
  return o;
}

} // namespace keyshift::config
