// ASCII case folding for names that ignore case: HTTP header names, option
// and fence words. Bytes above 0x7f are left as they are (no locale).
#ifndef KEYSHIFT_BASE_ASCII_CASE_H_
#define KEYSHIFT_BASE_ASCII_CASE_H_

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace keyshift {

inline char asciiLower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

inline std::string asciiLower(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    c = asciiLower(c);
  return out;
}

/// `a == b` ignoring ASCII case ("Authorization", "authorization").
inline bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return asciiLower(x) == asciiLower(y);
         });
}

} // namespace keyshift

#endif // KEYSHIFT_BASE_ASCII_CASE_H_
