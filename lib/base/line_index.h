// Offset <-> line:column over a file's content. Lines and columns are 1-based
// and columns count bytes, as compilers and SARIF's default do.
#ifndef KEYSHIFT_BASE_LINE_INDEX_H_
#define KEYSHIFT_BASE_LINE_INDEX_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace keyshift {

struct Position {
  std::size_t line = 1;
  std::size_t column = 1;
};

class LineIndex {
public:
  explicit LineIndex(std::string_view text);

  /// The position of a byte offset; an offset past the end maps to the end.
  Position position(std::size_t offset) const;
  /// The offset where a (1-based) line starts; past the last line, the end.
  std::size_t lineStart(std::size_t line) const;
  /// The offset just past the line's terminator (or the end of the text).
  std::size_t lineEnd(std::size_t line) const;
  std::size_t lineCount() const { return starts_.size(); }

private:
  std::vector<std::size_t> starts_;
  std::size_t size_;
  bool ends_with_newline_ = false;
};

} // namespace keyshift

#endif // KEYSHIFT_BASE_LINE_INDEX_H_
