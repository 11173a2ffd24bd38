// What `keyshift verify` asks the proxy, and what its answers mean:
//   servedModels({"http://gw/v1", key, 5000}, "GW_KEY")
//     -> {"openai/gpt-4o-mini", ...}            (GET B/models, 200)
//     -> error "the proxy did not accept the key in GW_KEY (HTTP 401 from
//        http://gw/v1/models)"
//     -> error "http://gw/v1/models: HTTP 404: the base URL is probably
//        wrong (it should be the one the SDK's base_url takes, e.g. .../v1)"
#ifndef KEYSHIFT_VERIFY_PROXY_PROBE_H_
#define KEYSHIFT_VERIFY_PROXY_PROBE_H_

#include "base/error.h"

#include <set>
#include <string>
#include <string_view>

namespace keyshift::verify {

struct Probe {
  std::string base_url; ///< B, without a trailing '/'
  std::string key;      ///< K's value: sent, never shown
  std::string key_env;  ///< K's name, for messages
  long timeout_ms = 10000;
};

/// The model ids the proxy lists (OpenAI's `{"data": [{"id": ...}]}`).
Result<std::set<std::string>> servedModels(const Probe &probe);

/// One minimal chat completion with `model` (max_tokens 1): nothing, or why
/// it failed.
Result<void> chatOnce(const Probe &probe, const std::string &model);

} // namespace keyshift::verify

#endif // KEYSHIFT_VERIFY_PROXY_PROBE_H_
