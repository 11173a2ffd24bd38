// String literals in C++ text the preprocessor skipped (an inactive
// `#ifdef _WIN32` branch): Clang never lexes those bytes, so keyshift finds
// literals there with a small lexer of its own (comments, character and
// string literals, raw strings, encoding prefixes) and reports what they
// hold. Nothing found here is rewritten: the code was never parsed.
#ifndef KEYSHIFT_MATCH_CPP_SKIPPED_LITERALS_H_
#define KEYSHIFT_MATCH_CPP_SKIPPED_LITERALS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::cpp {

struct SkippedLiteral {
  std::size_t offset = 0; ///< of the token (prefix included) in the text
  std::size_t length = 0;
  std::string value; ///< the characters, `\"` and `\\` unescaped
};

/// Every complete string literal in `text`, in order. An unterminated one
/// (apostrophes in `#error` text, say) ends at the line and is dropped.
std::vector<SkippedLiteral> skippedStringLiterals(std::string_view text);

} // namespace keyshift::cpp

#endif // KEYSHIFT_MATCH_CPP_SKIPPED_LITERALS_H_
