#include "base/line_index.h"

#include <gtest/gtest.h>

namespace keyshift {
namespace {

TEST(LineIndexTest, MapsOffsetsToOneBasedLineAndByteColumn) {
  LineIndex index("ab\ncd\r\n\nxyz");
  EXPECT_EQ(index.lineCount(), 4u);
  EXPECT_EQ(index.position(0).line, 1u);
  EXPECT_EQ(index.position(0).column, 1u);
  EXPECT_EQ(index.position(4).line, 2u);
  EXPECT_EQ(index.position(4).column, 2u);
  EXPECT_EQ(index.position(7).line, 3u);
  EXPECT_EQ(index.position(10).line, 4u);
  EXPECT_EQ(index.position(10).column, 3u);
}

TEST(LineIndexTest, LineBoundsIncludeTheTerminator) {
  LineIndex index("ab\ncd\r\n");
  EXPECT_EQ(index.lineStart(1), 0u);
  EXPECT_EQ(index.lineEnd(1), 3u);
  EXPECT_EQ(index.lineStart(2), 3u);
  EXPECT_EQ(index.lineEnd(2), 7u);
  EXPECT_EQ(index.lineCount(), 2u) << "a final newline opens no new line";
}

TEST(LineIndexTest, OffsetsPastTheEndClampToTheEnd) {
  LineIndex index("abc");
  EXPECT_EQ(index.position(99).column, 4u);
}

TEST(LineIndexTest, TheEndAfterAFinalNewlineIsTheNextLine) {
  LineIndex index("ab\ncd\n");
  EXPECT_EQ(index.position(6).line, 3u);
  EXPECT_EQ(index.position(6).column, 1u);
  EXPECT_EQ(index.position(5).line, 2u) << "the newline itself";
}

} // namespace
} // namespace keyshift
