// Finds OpenAI keys anywhere in text: config files, notebooks, Markdown, or
// any file the auditor reads, where there is no parser to say what is a
// string literal. Placeholders are not findings.
//
//   findSecrets("KEY=sk-proj-<body>\n") -> {{range {4, 8 + body}, type
//   "openai-project-key"}}
#ifndef KEYSHIFT_SECRETS_FIND_SECRETS_H_
#define KEYSHIFT_SECRETS_FIND_SECRETS_H_

#include "base/byte_range.h"
#include "secrets/key_classifier.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift::secrets {

struct SecretMatch {
  ByteRange range;  ///< the key's bytes in the scanned text
  std::string type; ///< keyKindName(kind)
  KeyKind kind = KeyKind::Generic;

  friend bool operator==(const SecretMatch &a, const SecretMatch &b) {
    return a.range == b.range && a.type == b.type && a.kind == b.kind;
  }
};

/// Every key in `text`, in order of offset. A key is a maximal run of
/// [A-Za-z0-9_-] starting with "sk-" that is not preceded by a key
/// character (a JSON/C escape such as \n right before it counts as a
/// boundary, so keys inside notebook sources are found) and that
/// classifyKey accepts.
std::vector<SecretMatch> findSecrets(std::string_view text);

/// `text` with every key found by findSecrets replaced by redact(key): for
/// printers' last-line-of-defence Redactor (report/redactor.h).
std::string redactSecrets(std::string_view text);

} // namespace keyshift::secrets

#endif // KEYSHIFT_SECRETS_FIND_SECRETS_H_
