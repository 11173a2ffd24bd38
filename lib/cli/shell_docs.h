// The man page and the bash, zsh and fish completions, generated from the
// one command table and the one flag table (args.cc), so they list every
// flag there is and nothing else. `keyshift __generate man|bash|zsh|fish`
// prints them; the build writes them for `cmake --install` and the package.
#ifndef KEYSHIFT_CLI_SHELL_DOCS_H_
#define KEYSHIFT_CLI_SHELL_DOCS_H_

#include <optional>
#include <string>
#include <string_view>

namespace keyshift::cli {

/// "man", "bash", "zsh" or "fish"; nullopt for any other name.
std::optional<std::string> generateShellDoc(std::string_view what,
                                            std::string_view version);

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_SHELL_DOCS_H_
