// Finds OpenAI keys anywhere in text, byte by byte: source of any language,
// config files, notebooks, logs, or any file the auditor reads, with no
// parser to say what is a string literal, so a file that does not parse is
// scanned all the same. Placeholders are not findings.
//
//   findSecrets("KEY=sk-proj-<body>\n") -> {{range {4, 8 + body}, type
//   "openai-project-key", Project, Key}}
#ifndef KEYSHIFT_SECRETS_FIND_SECRETS_H_
#define KEYSHIFT_SECRETS_FIND_SECRETS_H_

#include "base/byte_range.h"
#include "secrets/key_classifier.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift::secrets {

/// How a key is written in the text.
enum class KeyEncoding {
  Plain,  ///< the range holds the key verbatim
  Split,  ///< over adjacent string literals: "sk-proj-ab" "cd…" or + "…"
  Base64, ///< the range holds base64 (or base64url) of text with the key
};

struct SecretMatch {
  ByteRange range;  ///< where the key (or its encoded form) is in the text
  std::string type; ///< keyKindName(kind)
  KeyKind kind = KeyKind::User;
  Confidence confidence = Confidence::Key;
  KeyEncoding encoding = KeyEncoding::Plain;
  /// The key itself when it is not the range's bytes verbatim (Split,
  /// Base64); empty for Plain. Never printed: for fingerprint and redact.
  std::string decoded;

  friend bool operator==(const SecretMatch &, const SecretMatch &) = default;
};

struct ScanOptions {
  /// Also report possible keys (Confidence::Possible).
  bool possible = true;
  /// Also join adjacent string literals and decode base64 runs (slower).
  bool deep = false;
};

/// Every key in `text`, in order of offset. A key is a maximal run of
/// [A-Za-z0-9_-] starting with "sk-" that classifyToken accepts, preceded
/// by the start of the text, a character outside that set, or an escape
/// that ends right before it (\n, \r, \t in JSON and C strings, \uXXXX,
/// \xHH, %XX in URLs), so keys in notebook sources, JSON-escaped strings and
/// encoded query strings are found.
std::vector<SecretMatch> findSecrets(std::string_view text,
                                     const ScanOptions &options = {});

/// `text` with every key (possible keys included) replaced by redact(key):
/// for printers' last-line-of-defence Redactor (report/redactor.h).
std::string redactSecrets(std::string_view text);

} // namespace keyshift::secrets

#endif // KEYSHIFT_SECRETS_FIND_SECRETS_H_
