#include "match/config/env_names.h"

#include <algorithm>
#include <cctype>

namespace keyshift::config {

bool isEnvName(std::string_view s) {
  if (s.empty() ||
      !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_'))
    return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool isUpperEnvName(std::string_view s) {
  return isEnvName(s) && std::none_of(s.begin(), s.end(), [](char c) {
           return std::islower(static_cast<unsigned char>(c));
         });
}

bool isEnvMapKey(std::string_view key) {
  for (std::string_view k :
       {"environment", "env", "variables", "containerEnv", "remoteEnv",
        "extraEnv", "envVars", "env_vars", "build_args", "args"})
    if (key == k)
      return true;
  return false;
}

} // namespace keyshift::config
