#include "cli/quoted_text.h"

#include "base/terminal_text.h"
#include "secrets/mask.h"

namespace keyshift::cli {

std::string safeText(std::string_view text) {
  return escapeForTerminal(secrets::maskKeys(text));
}

} // namespace keyshift::cli
