// The resolved settings of a run: a config file's values, overridden by
// command-line flags, with a proxy preset filling in what neither set.
//   file {"proxy": {"preset": "openrouter"}} + flag --key-env=MY_KEY
//   -> base_url "https://openrouter.ai/api/v1", key_env "MY_KEY"
#ifndef KEYSHIFT_CONFIG_OPTIONS_H_
#define KEYSHIFT_CONFIG_OPTIONS_H_

#include "base/error.h"
#include "base/proxy_target.h"
#include "config/config_file.h"
#include "config/presets.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace keyshift::config {

/// The proxy target (base_url without a trailing '/'), and where it came
/// from.
struct ProxySettings : ProxyTarget {
  std::string preset; ///< the preset that was applied last, or ""
};

/// Values from flags. Error messages name them --preset, --base-url,
/// --key-env, --base-url-env and --max-file-size.
struct Overrides : ConfigValues {};

struct Options {
  ProxySettings proxy;
  std::vector<std::string> include{"**"}, exclude, disable, extra;
  bool shim = false;
  bool include_docs = false;
  std::string baseline;
  std::string compile_commands_dir;
  std::vector<std::string> include_dirs;
  std::uint64_t max_file_size = 4u << 20;
  /// A LiteLLM config.yaml whose model_list names the served models ("":
  /// none); the CLI reads it into proxy.models.served.
  std::string litellm_config;
  std::string config_path; ///< "" without a config file
  std::string config_dir;  ///< its directory
};

/// Merges file and flags: a flag replaces the file's value (lists too, not
/// appended). The proxy is built in layers, file then flags, each applying
/// its preset first and then its explicit base_url/key_env/base_url_env, so
/// `--preset litellm` beats a file's base_url while `--base-url` beats any
/// preset. Relative paths from the file (extra, baseline,
/// compile_commands_dir, include_dirs) are made relative to its directory;
/// flag paths stay as given (relative to the working directory).
/// Errors: no base_url or key_env ("no proxy configured: ..."), unknown
/// preset (with "did you mean"), base_url not http(s)://, key_env or
/// base_url_env not a variable name. With proxy_required false (a keys-only
/// audit), a proxy given nowhere is no error: proxy stays empty; half of
/// one (base_url without key_env) still is.
Result<Options> resolve(const std::optional<FileConfig> &file,
                        const Overrides &flags,
                        const std::vector<Preset> &presets,
                        bool proxy_required = true);

} // namespace keyshift::config

#endif // KEYSHIFT_CONFIG_OPTIONS_H_
