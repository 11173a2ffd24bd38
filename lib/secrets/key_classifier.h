// Is a token an OpenAI API key, and which kind? Judged by the key's
// structure (prefix, alphabet, the marker OpenAI embeds mid-key), so other
// vendors' sk- keys and marker-less look-alikes are not reported as OpenAI
// keys. Also tells stand-ins ("sk-...", "<OPENAI_API_KEY>", "sk-xxxx…") apart
// from real keys, so documentation and templates never become findings.
//
//   classifyToken("sk-proj-<74 chars>T3Bl…<74 chars>") -> {Project, Key}
//   classifyToken("sk-proj-<80 chars, no marker>")      -> {Project, Possible}
#ifndef KEYSHIFT_SECRETS_KEY_CLASSIFIER_H_
#define KEYSHIFT_SECRETS_KEY_CLASSIFIER_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace keyshift::secrets {

enum class KeyKind {
  User,           ///< sk- + 20 + marker + 20 alphanumerics; also sk-None-…
  Project,        ///< sk-proj-…
  ServiceAccount, ///< sk-svcacct-…, sk-service-…, sk-<name>-…
  Admin,          ///< sk-admin-…
};

/// How sure keyshift is that a token is an OpenAI key.
enum class Confidence {
  Key,      ///< the structure of a key, marker included: `hardcoded-key`
  Possible, ///< an OpenAI prefix but no marker: `possible-key`, a note
};

struct KeyClass {
  KeyKind kind = KeyKind::User;
  Confidence confidence = Confidence::Key;
  friend bool operator==(const KeyClass &, const KeyClass &) = default;
};

/// [A-Za-z0-9_-]: the characters a key is made of.
inline bool isKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/// The type name used in findings, audit logs and baselines:
/// "openai-api-key" (User), "openai-project-key",
/// "openai-service-account-key", "openai-admin-key".
std::string_view keyKindName(KeyKind kind);

/// The public part of a key: "sk-proj-", "sk-svcacct-", "sk-service-",
/// "sk-admin-", "sk-None-", "sk-", or "" when `value` starts with none of
/// them.
std::string_view keyPrefix(std::string_view value);

/// Tokens longer than this are data blobs, not keys (today's longest key,
/// a service-account key, is 167 characters).
inline constexpr std::size_t kMaxKeyLength = 300;
/// Key bodies (after the prefix) shorter than this are never keys.
inline constexpr std::size_t kMinKeyBodyLength = 32;
/// The fewest random characters on each side of the marker (the legacy
/// and the first project keys have exactly 20).
inline constexpr std::size_t kMinMarkerSide = 20;

/// What the whole of `value` is, judged by structure alone:
/// - Confidence::Key: "sk-" (or sk-proj-, sk-svcacct-, sk-service-,
///   sk-admin-, sk-None-, sk-<name>-) and a body of [A-Za-z0-9_-] that holds
///   the marker (base64 of "OpenAI") with >= 20 characters on each side;
///   bare "sk-" keys with no name are alphanumeric throughout.
/// - Confidence::Possible: an OpenAI-only prefix (sk-proj-, sk-svcacct-,
///   sk-service-, sk-admin-, sk-None-) and >= 32 body characters, or "sk-"
///   and 48 alphanumerics (a legacy key's length), without the marker, and a
///   body that looks random (upper case, lower case and digits).
/// - nullopt: anything else, placeholders, and other vendors' sk- keys
///   (sk-ant-, sk-or-, DeepSeek's sk- + 32 hex digits).
std::optional<KeyClass> classifyToken(std::string_view value);

/// The kind of OpenAI key `value` is when classifyToken is sure
/// (Confidence::Key); nullopt otherwise, possible keys included. What the
/// engines use before they offer to move a literal to the environment.
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
