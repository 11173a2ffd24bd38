// --litellm-config FILE: the model names a LiteLLM proxy serves, from its
// config.yaml (model_list[].model_name), read with keyshift's YAML reader.
#ifndef KEYSHIFT_CLI_LITELLM_CONFIG_H_
#define KEYSHIFT_CLI_LITELLM_CONFIG_H_

#include "base/error.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift::cli {

/// The served names of a config.yaml's text, in file order, once each.
/// Errors: not YAML keyshift can read, or no model_name entries.
Result<std::vector<std::string>> parseLitellmServed(std::string_view text,
                                                    const std::string &path);
/// The same for the file at `path` (a missing file is an error).
Result<std::vector<std::string>> readLitellmServed(const std::string &path);

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_LITELLM_CONFIG_H_
