// .keyshift.json: parsing (JSON with comments) and discovery, found like
// .clang-tidy by walking up from a directory to the repository root. The
// values stay optional here; options.h merges them with flags and presets.
#ifndef KEYSHIFT_CONFIG_CONFIG_FILE_H_
#define KEYSHIFT_CONFIG_CONFIG_FILE_H_

#include "base/error.h"
#include "base/proxy_target.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::config {

/// Every setting a config file or the command line can give; unset = not
/// given there. JSON keys in comments.
struct ConfigValues {
  std::optional<std::string> preset;       ///< proxy.preset
  std::optional<std::string> base_url;     ///< proxy.base_url
  std::optional<std::string> key_env;      ///< proxy.key_env
  std::optional<std::string> base_url_env; ///< proxy.base_url_env
  std::optional<std::vector<std::string>> include, exclude; ///< globs
  std::optional<std::vector<std::string>> disable; ///< rules.disable: rule ids
  std::optional<std::vector<std::string>> extra;   ///< rules.extra: rule files
  std::optional<bool> shim;
  std::optional<bool> include_docs; ///< rewrite documentation code blocks
  std::optional<std::string> baseline;
  std::optional<std::string> compile_commands_dir; ///< cpp.compile_commands_dir
  std::optional<std::vector<std::string>> include_dirs; ///< cpp.include_dirs
  std::optional<std::uint64_t> max_file_size;           ///< bytes
  /// models: {"prefix", "map"}: replaces the preset's model naming.
  std::optional<ModelPolicy> models;
  /// models.litellm_config / --litellm-config: a LiteLLM config.yaml.
  std::optional<std::string> litellm_config;
};

/// One parsed .keyshift.json; paths in it are still as written (relative to
/// the file's directory).
struct FileConfig : ConfigValues {
  std::string path; ///< as given to parseConfig / found by findConfig
};

/// Parses a config file's text. Errors: "<path>:3:7: invalid JSON: ...",
/// "<path>: /proxy/base_ur: unknown key 'base_ur' (did you mean
/// 'base_url'?)", "<path>: /shim: must be a boolean".
Result<FileConfig> parseConfig(std::string_view text, std::string_view path);

/// Reads and parses the file at `path` (e.g. from a --config flag).
Result<FileConfig> loadConfig(const std::string &path);

/// Walks up from start_dir (made absolute) to the directory holding .git
/// (inclusive) or /, and returns the first .keyshift.json; nullopt if none.
Result<std::optional<FileConfig>> findConfig(const std::string &start_dir);

} // namespace keyshift::config

#endif // KEYSHIFT_CONFIG_CONFIG_FILE_H_
