// Policy from JSON (SHIM_SPEC §1.11 "Configuration"): an object whose
// members are the conformance vectors' `config` names (max_retries,
// base_ms, breaker_consecutive_failures, ...) plus attempt_timeout_ms and
// connect_timeout_ms. The Client reads it from KEYSHIFT_SHIM_POLICY so an
// operator can tune a migrated application without editing it; the vector
// runner reads the vectors' `config` with it.
#ifndef KEYSHIFT_SHIM_POLICY_JSON_H_
#define KEYSHIFT_SHIM_POLICY_JSON_H_

#include "keyshift/shim/config.h"
#include "keyshift/shim/result.h"

#include <string_view>

namespace keyshift::shim {

/// `base` with the members `json_text` names replaced. An unknown member, a
/// value of the wrong type or text that is not a JSON object is an error
/// naming `source` ("KEYSHIFT_SHIM_POLICY: unknown member 'max_retry'").
Result<PolicyConfig> applyPolicyJson(PolicyConfig base,
                                     std::string_view json_text,
                                     std::string_view source);

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_POLICY_JSON_H_
