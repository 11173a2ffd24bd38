// YAML files read with the tree-sitter YAML grammar into config entries
// (entry.h), so the config engine's rules apply to them as to .env lines:
//   map items            OPENAI_API_KEY: value    (compose, CI `env:`, Helm)
//   list items           - OPENAI_API_KEY=value   (compose `environment:`)
//   Kubernetes env items - name: OPENAI_API_KEY   value: / valueFrom:
//   CI expressions       ${{ secrets.X }} (the value's secret reference),
//                        ${{ env.X }} and $X / ${X} (references)
//   any other scalar     Text, where an endpoint URL may be
// Every document, anchor and flow collection is read where it is written
// (an alias edits nothing: its anchor is edited); block scalars are Text.
// Scope (the hard rule's pairing of a URL with its key) is the closest
// mapping that is not itself an env map: the service, container or job.
#ifndef KEYSHIFT_MATCH_CONFIG_YAML_FORMAT_H_
#define KEYSHIFT_MATCH_CONFIG_YAML_FORMAT_H_

#include "match/config/entry.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift::config {

/// The entries of a YAML text, in file order (none inside ERROR nodes).
std::vector<Entry> yamlEntries(std::string_view text);

/// The paths a docker-compose file's `env_file:` entries name, as written
/// (`env_file: a.env`, `[a.env, b.env]`, a list of paths or of `{path:
/// ...}` items), wherever the key is; interpolated ones (`${DIR}/x.env`)
/// are left out.
std::vector<std::string> composeEnvFiles(std::string_view text);

} // namespace keyshift::config

#endif // KEYSHIFT_MATCH_CONFIG_YAML_FORMAT_H_
