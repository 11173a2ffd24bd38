// Fake OpenAI keys, made at run time (for the tests and for rule examples
// that `keyshift test-rules` runs) so no key-shaped literal is
// ever committed (secret scanners and push protection would flag it, and a
// test fixture must never look like a leaked credential). Keys are
// syntactically valid and deterministic per (shape, seed), so golden inputs
// can hold a token such as @@FAKE_OPENAI_KEY@@ and expected outputs stay fixed.
#ifndef KEYSHIFT_SECRETS_FAKE_KEY_H_
#define KEYSHIFT_SECRETS_FAKE_KEY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace keyshift::testing {

enum class KeyShape {
  User,           ///< legacy: sk- + 20 + marker + 20 alphanumerics (51 chars)
  Project,        ///< sk-proj- + 74 + marker + 74 of [A-Za-z0-9_-] (164)
  ServiceAccount, ///< sk-svcacct- + 74 + marker + 74 (167)
  Admin,          ///< sk-admin- + 58 + marker + 58 (133)
  /// sk- + 48 alphanumerics without the marker (51): the length of a legacy
  /// key, not its structure, so only a possible key.
  NoMarker,
  // Added after the first five so their keys (and golden files) stay fixed.
  ProjectShort,  ///< the first project keys: sk-proj- + 20 + marker + 20 (56)
  ProjectMedium, ///< sk-proj- + 58 + marker + 58 (132)
  NoProject,     ///< sk-None- + 74 + marker + 74 (164)
  NamedServiceAccount, ///< sk-<name>-<name>- + 20 + marker + 20
};

/// Tokens substituteFakeKeys() replaces, and the shape each stands for.
inline constexpr std::string_view kFakeKeyToken = "@@FAKE_OPENAI_KEY@@";
inline constexpr std::string_view kFakeProjectKeyToken =
    "@@FAKE_OPENAI_PROJECT_KEY@@";
inline constexpr std::string_view kFakeServiceAccountKeyToken =
    "@@FAKE_OPENAI_SVCACCT_KEY@@";
inline constexpr std::string_view kFakeAdminKeyToken =
    "@@FAKE_OPENAI_ADMIN_KEY@@";

namespace detail {

// splitmix64: tiny, and unlike std::uniform_int_distribution its output is
// the same with every standard library, which golden files depend on.
class SplitMix64 {
public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

private:
  std::uint64_t state_;
};

inline constexpr std::string_view kAlnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
inline constexpr std::string_view kUrlSafe =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

inline std::string randomChars(SplitMix64 &rng, std::size_t n,
                               std::string_view alphabet) {
  std::string out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    out.push_back(alphabet[rng.next() % alphabet.size()]);
  return out;
}

// Base64 of "OpenAI", which OpenAI embeds mid-key; assembled from pieces so
// this header never contains a key-shaped literal.
inline std::string marker() { return std::string("T3B") + "lbk" + "FJ"; }

// The seed is mixed with the shape so shapes with one seed differ.
inline std::uint64_t mix(KeyShape shape, std::uint64_t seed) {
  return seed * 0x100000001B3ULL + static_cast<std::uint64_t>(shape) + 1;
}

} // namespace detail

/// A fake key of `shape`; the same (shape, seed) always gives the same key.
inline std::string fakeOpenAiKey(KeyShape shape, std::uint64_t seed) {
  detail::SplitMix64 rng(detail::mix(shape, seed));
  const std::string sk = std::string("s") + "k-";
  // Every draw is its own statement: the operands of one `+` chain are
  // evaluated in an unspecified order (GCC and Clang differ), which would
  // give each compiler different keys.
  auto draw = [&rng](std::string &out, std::size_t n, std::string_view abc) {
    out += detail::randomChars(rng, n, abc);
  };
  // Bodies with '-' or '_' never start or end with them, as real keys do
  // not, so a redacted tail is always 4 key characters.
  auto body = [&draw](std::string &out, std::size_t n) {
    draw(out, 1, detail::kAlnum);
    draw(out, n - 2, detail::kUrlSafe);
    draw(out, 1, detail::kAlnum);
  };
  std::string key = sk;
  switch (shape) {
  case KeyShape::User:
    draw(key, 20, detail::kAlnum);
    key += detail::marker();
    draw(key, 20, detail::kAlnum);
    return key;
  case KeyShape::Project:
  case KeyShape::ServiceAccount:
    key += shape == KeyShape::Project ? "proj-" : "svcacct-";
    body(key, 74);
    key += detail::marker();
    body(key, 74);
    return key;
  case KeyShape::Admin:
    key += "admin-";
    body(key, 58);
    key += detail::marker();
    body(key, 58);
    return key;
  case KeyShape::NoMarker:
    draw(key, 48, detail::kAlnum);
    return key;
  case KeyShape::ProjectShort:
    key += "proj-";
    draw(key, 20, detail::kAlnum);
    key += detail::marker();
    draw(key, 20, detail::kAlnum);
    return key;
  case KeyShape::ProjectMedium:
    key += "proj-";
    body(key, 58);
    key += detail::marker();
    body(key, 58);
    return key;
  case KeyShape::NoProject:
    key += "None-";
    body(key, 74);
    key += detail::marker();
    body(key, 74);
    return key;
  case KeyShape::NamedServiceAccount:
    // The service account's name, as the older named keys spell it.
    draw(key, 6, detail::kLower);
    key += '-';
    draw(key, 5, detail::kLower);
    key += '-';
    draw(key, 20, detail::kAlnum);
    key += detail::marker();
    draw(key, 20, detail::kAlnum);
    return key;
  }
  return sk;
}

/// `text` with every fake-key token replaced by fakeOpenAiKey(shape, seed):
/// @@FAKE_OPENAI_KEY@@ (User), @@FAKE_OPENAI_PROJECT_KEY@@,
/// @@FAKE_OPENAI_SVCACCT_KEY@@, @@FAKE_OPENAI_ADMIN_KEY@@. Repeated tokens
/// become the same key.
inline std::string substituteFakeKeys(std::string text, std::uint64_t seed) {
  const std::array<std::pair<std::string_view, KeyShape>, 4> tokens{{
      {kFakeKeyToken, KeyShape::User},
      {kFakeProjectKeyToken, KeyShape::Project},
      {kFakeServiceAccountKeyToken, KeyShape::ServiceAccount},
      {kFakeAdminKeyToken, KeyShape::Admin},
  }};
  for (const auto &[token, shape] : tokens) {
    std::size_t pos = text.find(token);
    if (pos == std::string::npos)
      continue;
    const std::string key = fakeOpenAiKey(shape, seed);
    while (pos != std::string::npos) {
      text.replace(pos, token.size(), key);
      pos = text.find(token, pos + key.size());
    }
  }
  return text;
}

} // namespace keyshift::testing

#endif // KEYSHIFT_SECRETS_FAKE_KEY_H_
