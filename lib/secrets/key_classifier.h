// Is a string literal's value an OpenAI API key, and which kind? Also tells
// stand-ins ("sk-...", "<OPENAI_API_KEY>", "sk-xxxx…") apart from real keys,
// so documentation and templates never become hard-coded-key findings.
//
//   classifyKey("sk-proj-<74 chars>T3Bl…<74 chars>") -> KeyKind::Project
#ifndef KEYSHIFT_SECRETS_KEY_CLASSIFIER_H_
#define KEYSHIFT_SECRETS_KEY_CLASSIFIER_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace keyshift::secrets {

enum class KeyKind {
  User,           ///< legacy user key: sk- + 20 + marker + 20 alphanumerics
  Project,        ///< sk-proj-…
  ServiceAccount, ///< sk-svcacct-… (and the older sk-service-…)
  Admin,          ///< sk-admin-…
  Generic,        ///< any other sk- token of >= 32 key characters
};

/// The type name used in findings, audit logs and baselines:
/// "openai-api-key" (User and Generic), "openai-project-key",
/// "openai-service-account-key", "openai-admin-key".
std::string_view keyKindName(KeyKind kind);

/// The public part of a key: "sk-proj-", "sk-svcacct-", "sk-service-",
/// "sk-admin-", "sk-", or "" when `value` starts with none of them.
std::string_view keyPrefix(std::string_view value);

/// Tokens longer than this are data blobs, not keys (today's longest key,
/// a project key, is 164 characters).
inline constexpr std::size_t kMaxKeyLength = 300;
/// Key bodies (after the prefix) shorter than this are never keys.
inline constexpr std::size_t kMinKeyBodyLength = 32;

/// The kind of OpenAI key `value` is, when the whole of `value` is one and
/// it is not a placeholder; nullopt otherwise. Keys of other vendors that
/// share the sk- prefix (sk-ant-, sk-or-) are not OpenAI keys.
std::optional<KeyKind> classifyKey(std::string_view value);

/// True when `value` is a stand-in rather than a secret: template syntax
/// (<X>, ${X}, {{ X }}, $X, %(x)s), an ellipsis, a placeholder word as a
/// whole segment (your, replace, changeme, example, dummy, xxx, ...), a
/// bare prefix ("sk-"), a body of one repeated character, or a body of
/// >= 16 characters that is repetitive (periodic, mostly consecutive
/// characters, or Shannon entropy under kPlaceholderEntropyBits). Short
/// values that are none of these ("hunter2") are not placeholders.
bool isPlaceholder(std::string_view value);

/// Bits per character. Random base62/base64url bodies of 32+ characters
/// measure 4.3-5.5; "xxxx1234"-style fillers measure under 2. 3.0 leaves a
/// wide margin on both sides.
inline constexpr double kPlaceholderEntropyBits = 3.0;

/// Shannon entropy of `text` in bits per byte (0 for empty text).
double shannonEntropy(std::string_view text);

} // namespace keyshift::secrets

#endif // KEYSHIFT_SECRETS_KEY_CLASSIFIER_H_
