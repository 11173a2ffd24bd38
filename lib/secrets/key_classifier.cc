// Key shapes, and what each is based on:
// - User (legacy) keys: "sk-" + 20 alphanumerics + the marker + 20
//   alphanumerics, as gitleaks' openai-api-key rule
//   (gitleaks/gitleaks cmd/generate/config/rules/openai.go) and Yelp
//   detect-secrets (detect_secrets/plugins/openai.py) spell them. The marker
//   is base64 of "OpenAI"; it is assembled from pieces below so this file
//   never contains a key-shaped literal.
// - Project, service-account, sk-None- keys: a prefix, then [A-Za-z0-9_-]
//   with the marker in the middle: 20 + marker + 20 for the first project
//   and named service-account keys (sk-<name>-…), 58 or 74 on each side for
//   the later ones (trufflehog pkg/detectors/openai/openai.go and its tests;
//   gitleaks' 2024 rule).
// - Admin keys: "sk-admin-" + 58 + marker + 58 (trufflehog
//   pkg/detectors/openaiadmin/openaiadmin.go).
// The marker is what makes a token an OpenAI key; lengths are not pinned
// (OpenAI has changed them twice), only >= 20 characters on each side. A
// token with an OpenAI prefix but no marker may still be a key someone
// mangled or a format keyshift does not know yet: it is a possible key, a
// note rather than an error.
#include "secrets/key_classifier.h"

#include <array>
#include <cmath>
#include <string>

namespace keyshift::secrets {
namespace {

// The marker, split so no source line holds it next to key characters.
const std::string &legacyMarker() {
  static const std::string marker = std::string("T3Bl") + "bkFJ";
  return marker;
}

constexpr std::string_view kSk = "sk-";

struct PrefixedKind {
  std::string_view prefix;
  KeyKind kind;
};
constexpr std::array<PrefixedKind, 5> kPrefixedKinds{{
    {"sk-proj-", KeyKind::Project},
    {"sk-svcacct-", KeyKind::ServiceAccount},
    {"sk-service-", KeyKind::ServiceAccount},
    {"sk-admin-", KeyKind::Admin},
    {"sk-None-", KeyKind::User},
}};

// Other vendors' keys also start with sk-: Anthropic (sk-ant-api03-…) and
// OpenRouter (sk-or-v1-…). They are secrets, but not OpenAI keys, and a
// proxy migration must not relabel them.
constexpr std::array<std::string_view, 2> kForeignPrefixes{
    {"sk-ant-", "sk-or-"}};

// Whole segments (split at non-alphanumerics, case-insensitive) that mark a
// documentation or template value. Segments, not substrings: a random body
// contains "here" somewhere about once in 10^4 keys, as a whole segment
// about once in 10^6.
constexpr std::array<std::string_view, 16> kPlaceholderWords{{
    "your",
    "yourkey",
    "replace",
    "replaceme",
    "changeme",
    "placeholder",
    "example",
    "sample",
    "dummy",
    "fake",
    "mock",
    "test",
    "redacted",
    "insert",
    "here",
    "todo",
}};

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool isAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

char toLower(char c) {
  return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool allKeyChars(std::string_view s) {
  for (char c : s)
    if (!isKeyChar(c))
      return false;
  return true;
}

bool allAlnum(std::string_view s) {
  for (char c : s)
    if (!isAlnum(c))
      return false;
  return true;
}

bool hasTemplateSyntax(std::string_view v) {
  if (!v.empty() && v.front() == '$')
    return true; // $OPENAI_API_KEY
  if (v.find('<') != std::string_view::npos &&
      v.find('>') != std::string_view::npos)
    return true; // <OPENAI_API_KEY>
  for (std::string_view marker : {"${", "{{", "}}", "%(", "..."})
    if (v.find(marker) != std::string_view::npos)
      return true;
  return v.find("\xE2\x80\xA6") != std::string_view::npos; // U+2026 "…"
}

bool hasPlaceholderWord(std::string_view v) {
  std::string segment;
  auto check = [&segment]() {
    // "xxx", "XXXX": the universal filler.
    if (segment.size() >= 3 &&
        segment.find_first_not_of('x') == std::string::npos)
      return true;
    for (std::string_view word : kPlaceholderWords)
      if (segment == word)
        return true;
    return false;
  };
  for (char c : v) {
    if (isAlnum(c)) {
      segment.push_back(toLower(c));
      continue;
    }
    if (check())
      return true;
    segment.clear();
  }
  return check();
}

// True when the body repeats a unit of at most half its length
// ("abcabcabc", "1234567890abcdef1234567890abcdef").
bool isPeriodic(std::string_view body) {
  for (std::size_t period = 1; period <= body.size() / 2; ++period) {
    bool periodic = true;
    for (std::size_t i = period; i < body.size() && periodic; ++i)
      periodic = body[i] == body[i - period];
    if (periodic)
      return true;
  }
  return false;
}

// "abcdefghij…", "0123456789…": random text steps by +1 about 1 time in 62.
bool isMostlyConsecutive(std::string_view body) {
  std::size_t steps = 0;
  for (std::size_t i = 1; i < body.size(); ++i)
    if (body[i] == body[i - 1] + 1)
      ++steps;
  return steps * 2 > body.size();
}

// Random key bodies mix all three classes (48 random alphanumerics lack
// digits about 1 time in 5,000 and upper case 1 in 10^11); slugs and prose
// ("sk-proj-settings-for-the-staging-cluster") do not.
bool looksRandom(std::string_view body) {
  bool upper = false, lower = false, digit = false;
  for (char c : body) {
    upper = upper || (c >= 'A' && c <= 'Z');
    lower = lower || (c >= 'a' && c <= 'z');
    digit = digit || (c >= '0' && c <= '9');
  }
  return upper && lower && digit;
}

// Below this many body characters, entropy and periodicity say little, and
// such values are too short to be keys anyway.
constexpr std::size_t kMinBodyForStatistics = 16;

} // namespace

std::string_view keyKindName(KeyKind kind) {
  switch (kind) {
  case KeyKind::User:
    return "openai-api-key";
  case KeyKind::Project:
    return "openai-project-key";
  case KeyKind::ServiceAccount:
    return "openai-service-account-key";
  case KeyKind::Admin:
    return "openai-admin-key";
  }
  return "openai-api-key";
}

std::string_view keyPrefix(std::string_view value) {
  for (const auto &p : kPrefixedKinds)
    if (startsWith(value, p.prefix))
      return p.prefix;
  if (startsWith(value, kSk))
    return kSk;
  return {};
}

double shannonEntropy(std::string_view text) {
  if (text.empty())
    return 0.0;
  std::array<std::size_t, 256> counts{};
  for (char c : text)
    ++counts[static_cast<unsigned char>(c)];
  double entropy = 0.0;
  const double n = static_cast<double>(text.size());
  for (std::size_t count : counts) {
    if (count == 0)
      continue;
    const double p = static_cast<double>(count) / n;
    entropy -= p * std::log2(p);
  }
  return entropy;
}

bool isPlaceholder(std::string_view value) {
  // Surrounding blanks do not make a placeholder real.
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
    value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
    value.remove_suffix(1);
  if (value.empty())
    return true;
  if (hasTemplateSyntax(value) || hasPlaceholderWord(value))
    return true;
  const std::string_view prefix = keyPrefix(value);
  const std::string_view body = value.substr(prefix.size());
  if (body.empty())
    return !prefix.empty(); // "sk-", "sk-proj-"
  if (body.size() >= 3 &&
      body.find_first_not_of(body.front()) == std::string_view::npos)
    return true; // "sk-0000", "********"
  if (body.size() < kMinBodyForStatistics)
    return false;
  return isPeriodic(body) || isMostlyConsecutive(body) ||
         shannonEntropy(body) < kPlaceholderEntropyBits;
}

std::optional<KeyClass> classifyToken(std::string_view value) {
  if (!startsWith(value, kSk) || value.size() > kMaxKeyLength ||
      !allKeyChars(value))
    return std::nullopt;
  for (std::string_view foreign : kForeignPrefixes)
    if (startsWith(value, foreign))
      return std::nullopt;
  if (isPlaceholder(value))
    return std::nullopt;

  const std::string_view prefix = keyPrefix(value);
  const std::string_view body = value.substr(prefix.size());
  const bool bare = prefix == kSk;
  KeyKind kind = KeyKind::User;
  for (const auto &p : kPrefixedKinds)
    if (p.prefix == prefix)
      kind = p.kind;

  const std::string &marker = legacyMarker();
  for (std::size_t at = body.find(marker); at != std::string_view::npos;
       at = body.find(marker, at + 1)) {
    const std::string_view left = body.substr(0, at);
    const std::string_view right = body.substr(at + marker.size());
    if (left.size() < kMinMarkerSide || right.size() < kMinMarkerSide)
      continue;
    if (!bare)
      return KeyClass{kind, Confidence::Key};
    // sk-<name>-…: a named service account; a bare sk- key with no name is
    // alphanumeric throughout.
    if (allAlnum(left) && allAlnum(right))
      return KeyClass{KeyKind::User, Confidence::Key};
    if (left.find('-') != std::string_view::npos)
      return KeyClass{KeyKind::ServiceAccount, Confidence::Key};
  }

  const bool possible_shape =
      bare ? body.size() == 2 * kMinMarkerSide + marker.size() && allAlnum(body)
           : body.size() >= kMinKeyBodyLength;
  if (possible_shape && looksRandom(body))
    return KeyClass{kind, Confidence::Possible};
  return std::nullopt;
}

std::optional<KeyKind> classifyKey(std::string_view value) {
  auto c = classifyToken(value);
  if (!c || c->confidence != Confidence::Key)
    return std::nullopt;
  return c->kind;
}

} // namespace keyshift::secrets
