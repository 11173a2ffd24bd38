#include "secrets/redaction.h"

#include "secrets/key_classifier.h"

#include <openssl/evp.h>

namespace keyshift::secrets {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6"; // U+2026

bool isPrintableAscii(char c) { return c > 0x20 && c < 0x7F; }

} // namespace

std::string redact(std::string_view value) {
  const std::string_view prefix = keyPrefix(value);
  const std::string_view body = value.substr(prefix.size());
  std::string out(prefix);
  out.append(kEllipsis);
  if (body.size() < kRedactMinBodyLength)
    return out;
  const std::string_view tail = body.substr(body.size() - kRedactTailLength);
  for (char c : tail)
    if (!isPrintableAscii(c))
      return out; // half a UTF-8 sequence would corrupt JSON output
  out.append(tail);
  return out;
}

std::string fingerprint(std::string_view value) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  const bool ok = EVP_Digest(value.data(), value.size(), digest, &digest_length,
                             EVP_sha256(), nullptr) == 1;
  // SHA-256 in libcrypto fails only on allocation failure.
  if (!ok || digest_length < 8)
    return "sha256:unavailable";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (std::size_t i = 0; i < 8; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xF]);
  }
  return out;
}

std::optional<SecretInfo> describe(std::string_view value) {
  auto kind = classifyKey(value);
  if (!kind)
    return std::nullopt;
  return SecretInfo{std::string(keyKindName(*kind)), fingerprint(value),
                    redact(value)};
}

} // namespace keyshift::secrets
