// Where new text goes so it reads as if a person had written it, on text
// alone: the line ending and indentation around an offset, and the layout
// of a delimited list (call arguments, an object or dict literal) that new
// entries follow. One list layout for every language:
//   f(a=1)                       -> f(a=1, b=2)
//   f(a=1,)                      -> f(a=1, b=2,)
//   f(\n    a=1,\n)              -> f(\n    a=1,\n    b=2,\n)
//   f(\n    a=1\n)               -> f(\n    a=1,\n    b=2\n)
//   f(\n    a=1,  # why\n)       -> the comment stays with a=1
//   f(\n    a=1  # why\n)        -> f(\n    a=1,  # why\n    b=2\n)
#ifndef KEYSHIFT_MATCH_TREESITTER_LAYOUT_H_
#define KEYSHIFT_MATCH_TREESITTER_LAYOUT_H_

#include "base/byte_range.h"
#include "rewrite/edit.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift::ts {

/// "\r\n" when the line holding `offset` ends with CRLF, else "\n": in a
/// file with mixed line endings, new lines match their neighbours.
std::string_view newlineAt(std::string_view text, std::size_t offset);
/// Leading whitespace of the line holding `offset`.
std::string_view indentationAt(std::string_view text, std::size_t offset);
/// Whether only indentation precedes `offset` on its line.
bool startsLine(std::string_view text, std::size_t offset);
/// The offset just past the line holding `offset` (its newline included).
std::size_t endOfLine(std::string_view text, std::size_t offset);

/// A delimited list as written.
struct ListShape {
  std::size_t open = 0;  ///< just after the opening delimiter
  std::size_t close = 0; ///< the closing delimiter
  std::vector<ByteRange> entries;
  std::vector<ByteRange> comments; ///< comments inside the list
  /// Written inside the delimiters of a one-line list: " " for `{ a }`,
  /// "" for `(a)`, where blanks in an empty list are kept as they are.
  std::string_view pad;
  /// One level of indentation, for entries of an empty multi-line list.
  std::string_view indent_unit = "  ";
};

/// The edits adding `items` (spelled entries) after the last entry of
/// `list`, following its layout: one line or one entry per line, with or
/// without a trailing comma, comments kept with the entry they follow.
std::vector<Edit> insertEntries(std::string_view text, const ListShape &list,
                                const std::vector<std::string> &items,
                                const std::string &rule_id);

/// `a, b, c`.
std::string joinItems(const std::vector<std::string> &items);

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_LAYOUT_H_
