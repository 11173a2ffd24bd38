// The built-in rule files and proxy presets, compiled into the binary at build
// time (embed_rules.cmake) so an installed keyshift needs no data directory.
// A tiny library of its own: config's callers need the presets without
// pulling in the rule compiler, and ruleset needs the rules.
#ifndef KEYSHIFT_RULESET_EMBEDDED_RULES_H_
#define KEYSHIFT_RULESET_EMBEDDED_RULES_H_

#include <string_view>
#include <vector>

namespace keyshift::ruleset {

/// One file from the source tree, named relative to the repository root
/// ("rules/python/client-construction.json").
struct EmbeddedFile {
  std::string_view path;
  std::string_view content;
};

/// Every rules/<lang>/*.json, sorted by path; empty while no rule exists.
std::vector<EmbeddedFile> builtinRuleFiles();

/// The text of rules/proxies.json (parse it with config::parsePresets).
std::string_view builtinProxiesJson();

} // namespace keyshift::ruleset

#endif // KEYSHIFT_RULESET_EMBEDDED_RULES_H_
