// JSON files (and JSON with comments, as VS Code and devcontainers write
// it) read with the tree-sitter JSON grammar into config entries:
//   env maps            "containerEnv": {"OPENAI_API_KEY": "..."} (any map
//                       under an env key, or whose keys are all UPPER_CASE)
//   references          ${env:X}, ${localEnv:X}, ${containerEnv:X}, $X, ${X}
//   package.json        "scripts": {"dev": "OPENAI_API_KEY=... node app"}
//                       (each script read as a shell line)
//   any other string    Text, where an endpoint URL may be
// A name an object sets twice is ambiguous (which one a reader keeps is its
// own choice): reported, and its flow held back. Values are edited as
// written, with JSON escapes.
#ifndef KEYSHIFT_MATCH_CONFIG_JSON_FORMAT_H_
#define KEYSHIFT_MATCH_CONFIG_JSON_FORMAT_H_

#include "match/config/entry.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift::config {

/// The entries of a JSON text, in file order (none inside ERROR nodes).
std::vector<Entry> jsonEntries(std::string_view text);

/// `text` as the inside of a JSON string; a new line is written `\n`
/// followed by `line_break` (a notebook's next source string).
std::string jsonEscape(std::string_view text, std::string_view line_break = {});

} // namespace keyshift::config

#endif // KEYSHIFT_MATCH_CONFIG_JSON_FORMAT_H_
