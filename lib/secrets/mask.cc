#include "secrets/mask.h"

#include "secrets/find_secrets.h"

#include <re2/re2.h>

namespace keyshift::secrets {

std::string maskKeys(std::string_view text) {
  static const RE2 escaped(
      R"((sk-[A-Za-z0-9_-]{0,12})(?:[A-Za-z0-9_-]|\\[uUxX]?[0-9A-Fa-f{}]{1,8}|\\.){16,})");
  std::string out = redactSecrets(text);
  RE2::GlobalReplace(&out, escaped, "\\1…");
  return out;
}

} // namespace keyshift::secrets
