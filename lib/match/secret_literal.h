// Whether a string literal's value is a key keyshift moves to the
// environment: a real-looking OpenAI key, not a placeholder. One answer for
// every engine.
#ifndef KEYSHIFT_MATCH_SECRET_LITERAL_H_
#define KEYSHIFT_MATCH_SECRET_LITERAL_H_

#include "finding/secret_info.h"

#include <optional>
#include <string_view>

namespace keyshift {

/// The secret `value` is (type, fingerprint, redacted form), unless it is
/// no key or a placeholder ("sk-...", "sk-your-key-here").
std::optional<SecretInfo> secretLiteral(std::string_view value);

} // namespace keyshift

#endif // KEYSHIFT_MATCH_SECRET_LITERAL_H_
