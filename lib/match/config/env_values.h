// The values config files give environment variables (`M=gpt-4o-mini` in a
// .env file, `M: ${M:-gpt-4o-mini}` in a compose file), for the repository
// plan's model flows (driver/repo_plan.h): when every use of M's value is a
// model name sent to the proxy, these values take the proxy's naming too.
#ifndef KEYSHIFT_MATCH_CONFIG_ENV_VALUES_H_
#define KEYSHIFT_MATCH_CONFIG_ENV_VALUES_H_

#include "finding/flow.h"
#include "match/config/entry.h"

#include <string_view>
#include <vector>

namespace keyshift::config {

/// The plain values among `entries` (a name-like word, not a key, not an
/// interpolation), and the defaults of `${M:-x}` / `${M-x}` values. Values
/// with escapes (their bytes differ from the value) are left out: the plan
/// edits bytes.
std::vector<ModuleFacts::EnvValue> envValues(std::string_view content,
                                             const std::vector<Entry> &entries);

} // namespace keyshift::config

#endif // KEYSHIFT_MATCH_CONFIG_ENV_VALUES_H_
