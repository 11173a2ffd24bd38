#include "match/secret_literal.h"

#include "secrets/key_classifier.h"
#include "secrets/redaction.h"

namespace keyshift {

std::optional<SecretInfo> secretLiteral(std::string_view value) {
  if (value.empty() || secrets::isPlaceholder(value))
    return std::nullopt;
  return secrets::describe(value);
}

} // namespace keyshift
