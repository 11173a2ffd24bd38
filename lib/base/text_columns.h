// Plain-text tables: a cell padded with spaces to its column's width.
//   padRight("gpt-4o", 9) -> "gpt-4o   "; a longer text is kept whole.
#ifndef KEYSHIFT_BASE_TEXT_COLUMNS_H_
#define KEYSHIFT_BASE_TEXT_COLUMNS_H_

#include <string>

namespace keyshift {

inline std::string padRight(std::string text, std::size_t width) {
  if (text.size() < width)
    text.append(width - text.size(), ' ');
  return text;
}

} // namespace keyshift

#endif // KEYSHIFT_BASE_TEXT_COLUMNS_H_
