#include "base/line_index.h"

#include <algorithm>

namespace keyshift {

LineIndex::LineIndex(std::string_view text)
    : size_(text.size()),
      ends_with_newline_(!text.empty() && text.back() == '\n') {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && i + 1 < text.size())
      starts_.push_back(i + 1);
}

Position LineIndex::position(std::size_t offset) const {
  offset = std::min(offset, size_);
  // The end of a text whose last line is terminated is the start of the
  // (empty) line after it: where an insertion at the end goes.
  if (offset == size_ && ends_with_newline_)
    return Position{starts_.size() + 1, 1};
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - starts_.begin());
  return Position{line, offset - starts_[line - 1] + 1};
}

std::size_t LineIndex::lineStart(std::size_t line) const {
  if (line == 0)
    return 0;
  if (line > starts_.size())
    return size_;
  return starts_[line - 1];
}

std::size_t LineIndex::lineEnd(std::size_t line) const {
  if (line >= starts_.size())
    return size_;
  return starts_[line];
}

} // namespace keyshift
