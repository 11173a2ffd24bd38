// What a key in a structured config file (YAML, JSON) tells about its
// value: a variable name, or the key of a map of variables.
#ifndef KEYSHIFT_MATCH_CONFIG_ENV_NAMES_H_
#define KEYSHIFT_MATCH_CONFIG_ENV_NAMES_H_

#include <string_view>

namespace keyshift::config {

/// [A-Za-z_][A-Za-z0-9_]*
bool isEnvName(std::string_view s);
/// An env name without lower-case letters (OPENAI_API_KEY, not apiKey).
bool isUpperEnvName(std::string_view s);
/// Keys whose map or list sets environment variables, whatever the case of
/// the names inside (compose `environment`, CI `env`/`variables`,
/// devcontainer `containerEnv`/`remoteEnv`...).
bool isEnvMapKey(std::string_view key);

} // namespace keyshift::config

#endif // KEYSHIFT_MATCH_CONFIG_ENV_NAMES_H_
