// A half-open byte range [offset, offset + length) into a file's content.
#ifndef KEYSHIFT_BASE_BYTE_RANGE_H_
#define KEYSHIFT_BASE_BYTE_RANGE_H_

#include <cstddef>
#include <tuple>

namespace keyshift {

struct ByteRange {
  std::size_t offset = 0;
  std::size_t length = 0;

  std::size_t end() const { return offset + length; }
  bool empty() const { return length == 0; }
  bool contains(std::size_t pos) const { return pos >= offset && pos < end(); }
  bool containsRange(const ByteRange &o) const {
    return o.offset >= offset && o.end() <= end();
  }
  /// True when the ranges share at least one byte. Empty ranges (insertions)
  /// overlap a range only when strictly inside it.
  bool overlaps(const ByteRange &o) const {
    if (empty() && o.empty())
      return false;
    if (empty())
      return offset > o.offset && offset < o.end();
    if (o.empty())
      return o.offset > offset && o.offset < end();
    return offset < o.end() && o.offset < end();
  }

  static ByteRange fromBounds(std::size_t begin, std::size_t end) {
    return ByteRange{begin, end - begin};
  }

  friend bool operator==(const ByteRange &a, const ByteRange &b) {
    return a.offset == b.offset && a.length == b.length;
  }
  friend bool operator<(const ByteRange &a, const ByteRange &b) {
    return std::tie(a.offset, a.length) < std::tie(b.offset, b.length);
  }
};

} // namespace keyshift

#endif // KEYSHIFT_BASE_BYTE_RANGE_H_
