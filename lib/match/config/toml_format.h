// TOML files read with the tree-sitter TOML grammar into config entries:
//   [env], [build.environment], [tool.x.env] tables, and any table whose
//   keys are all UPPER_CASE:     OPENAI_API_KEY = "..."
//   dotted keys                  env.OPENAI_API_KEY = "..."
//   any other string             Text, where an endpoint URL may be
// A table or an inline table is a scope: a `base_url = "https://api.openai
// .com/v1"` in a section with no key beside it is reported, not moved
// (DECISIONS: "say which").
#ifndef KEYSHIFT_MATCH_CONFIG_TOML_FORMAT_H_
#define KEYSHIFT_MATCH_CONFIG_TOML_FORMAT_H_

#include "match/config/entry.h"

#include <string_view>
#include <vector>

namespace keyshift::config {

/// The entries of a TOML text, in file order (none inside ERROR nodes).
std::vector<Entry> tomlEntries(std::string_view text);

} // namespace keyshift::config

#endif // KEYSHIFT_MATCH_CONFIG_TOML_FORMAT_H_
