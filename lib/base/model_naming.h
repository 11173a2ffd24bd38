// How the proxy names a model the code asks OpenAI for (issue 17): one
// answer for every place a name is decided, whether the literal sits in the
// API call (match/treesitter set-model-name) or supplies the value of an
// environment variable the call reads (the repository plan).
#ifndef KEYSHIFT_BASE_MODEL_NAMING_H_
#define KEYSHIFT_BASE_MODEL_NAMING_H_

#include "base/proxy_target.h"

#include <string>

namespace keyshift {

/// The proxy's name for a model, or why keyshift does not change it. `to`
/// and `why` both empty: no naming rule applies, the name stays silently.
/// `to == name`: already the proxy's name (a second run changes nothing).
struct ProxyModelName {
  std::string to;
  std::string why;
};

ProxyModelName proxyModelName(const ModelPolicy &policy,
                              const std::string &name);

} // namespace keyshift

#endif // KEYSHIFT_BASE_MODEL_NAMING_H_
