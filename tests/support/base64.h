// Standard base64 (RFC 4648, padded) for tests that hide a key the way a
// Kubernetes Secret or a CI variable does. Written here, not taken from
// lib/report, so the secrets tests need not link the reporters.
#ifndef KEYSHIFT_TESTS_SUPPORT_BASE64_H_
#define KEYSHIFT_TESTS_SUPPORT_BASE64_H_

#include <string>
#include <string_view>

namespace keyshift::testing {

inline std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size())
      n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size())
      n |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

} // namespace keyshift::testing

#endif // KEYSHIFT_TESTS_SUPPORT_BASE64_H_
