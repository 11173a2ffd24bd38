// Proxy presets: a name standing for a base URL and the conventional
// environment variable holding the key (rules/proxies.json, embedded in the
// binary as ruleset::builtinProxiesJson()). The caller passes the JSON in,
// so lib/config needs nothing but lib/base.
#ifndef KEYSHIFT_CONFIG_PRESETS_H_
#define KEYSHIFT_CONFIG_PRESETS_H_

#include "base/error.h"
#include "base/proxy_target.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift::config {

struct Preset {
  std::string name;     ///< "openrouter"
  std::string base_url; ///< "https://openrouter.ai/api/v1"
  std::string key_env;  ///< "OPENROUTER_API_KEY"
  std::string description;
  std::string docs_url; ///< may be empty
  /// How the proxy names OpenAI models ("models": {"prefix", "map"}).
  ModelPolicy models;
  /// Headers every request needs ("headers": [{"name", "env"}]).
  std::vector<ProxyHeader> headers;
};

/// Parses a "models" object ({"prefix": "openai/", "map": {"a": "b"}});
/// `pointer` locates it in `source` for errors. Shared by presets and
/// .keyshift.json.
Result<ModelPolicy> parseModelPolicy(const std::string &json_text,
                                     const std::string &pointer,
                                     std::string_view source);

/// Parses {"presets": {name: {base_url, key_env, description, docs_url?,
/// models?, headers?}}};
/// the result is sorted by name. `source` names the file in errors.
Result<std::vector<Preset>> parsePresets(std::string_view json,
                                         std::string_view source);

/// [A-Za-z_][A-Za-z0-9_]*: what a shell and every SDK accept.
bool isValidEnvName(std::string_view name);
/// http:// or https:// followed by a host, no whitespace.
bool isHttpUrl(std::string_view url);

} // namespace keyshift::config

#endif // KEYSHIFT_CONFIG_PRESETS_H_
