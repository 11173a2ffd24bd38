// Every message keyshift prints about a run that did not start (a bad flag,
// config, rule file or path) quotes what the user typed. A key pasted in
// the wrong place (`--key-env sk-…`) must not come back in clear, and ESC or
// BEL bytes must not reach the terminal: messages pass through here.
//   "unknown option '--sk-proj-<body>Ab12\x1B[2J'" ->
//   "unknown option '--sk-proj-…Ab12\\x1B[2J'"
#ifndef KEYSHIFT_CLI_QUOTED_TEXT_H_
#define KEYSHIFT_CLI_QUOTED_TEXT_H_

#include <string>
#include <string_view>

namespace keyshift::cli {

/// `text` with every key masked (secrets::maskKeys), then control bytes and
/// bad UTF-8 escaped (escapeForTerminal).
std::string safeText(std::string_view text);

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_QUOTED_TEXT_H_
