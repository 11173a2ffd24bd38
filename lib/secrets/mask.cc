#include "secrets/mask.h"

#include "secrets/find_secrets.h"
#include "secrets/key_classifier.h"

#include <re2/re2.h>

namespace keyshift::secrets {

std::string maskKeys(std::string_view text) {
  static const RE2 escaped(
      R"((sk-(?:[A-Za-z0-9_-]|\\[uUxX]?[0-9A-Fa-f{}]{1,8}|\\.){16,}))");
  const std::string redacted = redactSecrets(text);
  // Only the key's kind prefix survives ("sk-proj-…"): any more of a key
  // the detector could not classify (the first 12 body characters were kept
  // once) is a piece of the secret in every output.
  std::string out;
  re2::StringPiece rest(redacted);
  re2::StringPiece key;
  const char *copied = redacted.data();
  while (RE2::FindAndConsume(&rest, escaped, &key)) {
    out.append(copied, key.data());
    out.append(keyPrefix(std::string_view(key.data(), key.size())));
    out.append("\xE2\x80\xA6"); // U+2026
    copied = key.data() + key.size();
  }
  out.append(copied, redacted.data() + redacted.size());
  return out;
}

} // namespace keyshift::secrets
