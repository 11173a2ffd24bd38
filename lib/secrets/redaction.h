// What keyshift may show or store about a secret instead of the secret: a
// redacted form for humans, a fingerprint for baselines and SARIF, and the
// two together as the SecretInfo a finding carries.
#ifndef KEYSHIFT_SECRETS_REDACTION_H_
#define KEYSHIFT_SECRETS_REDACTION_H_

#include "finding/secret_info.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace keyshift::secrets {

/// How many trailing characters redact() shows, and the fewest characters
/// (after the prefix) a value needs before it shows any.
inline constexpr std::size_t kRedactTailLength = 4;
inline constexpr std::size_t kRedactMinBodyLength = 16;

/// keyPrefix(value) + "…" (U+2026) + the last 4 characters, e.g.
/// "sk-proj-…Ab12". Never shows more than the prefix and 4 characters;
/// values with a body under 16 characters, or a non-ASCII tail, show the
/// prefix and "…" only.
std::string redact(std::string_view value);

/// "sha256:" + the first 16 lowercase hex digits of SHA-256(value): stable
/// across runs, platforms and keyshift versions, so baselines stay valid.
/// 64 bits tell a repository's secrets apart; they do not let anyone
/// recover a 160+ bit key.
std::string fingerprint(std::string_view value);

/// Type, fingerprint and redacted form of `value` when classifyKey accepts
/// it; nullopt otherwise.
std::optional<SecretInfo> describe(std::string_view value);

} // namespace keyshift::secrets

#endif // KEYSHIFT_SECRETS_REDACTION_H_
