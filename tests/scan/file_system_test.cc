#include "scan/file_system.h"

#include <gtest/gtest.h>

namespace keyshift::scan {
namespace {

TEST(PathTest, NormalizeCollapsesDotsAndSlashes) {
  EXPECT_EQ(path::normalize("/a//b/./c/../d/"), "/a/b/d");
  EXPECT_EQ(path::normalize("/../x"), "/x");
  EXPECT_EQ(path::normalize("a/../.."), "..");
  EXPECT_EQ(path::normalize("./"), ".");
  EXPECT_EQ(path::normalize(""), ".");
  EXPECT_EQ(path::normalize("/"), "/");
}

TEST(PathTest, AbsoluteJoinsRelativePathsOnly) {
  EXPECT_EQ(path::absolute("/w", "src/../a.py"), "/w/a.py");
  EXPECT_EQ(path::absolute("/w", "/etc/x"), "/etc/x");
  EXPECT_EQ(path::absolute("/w/sub", ".."), "/w");
}

TEST(PathTest, ParentAndBaseName) {
  EXPECT_EQ(path::parent("/a/b"), "/a");
  EXPECT_EQ(path::parent("/a"), "/");
  EXPECT_EQ(path::parent("a"), ".");
  EXPECT_EQ(path::baseName("/a/b.py"), "b.py");
  EXPECT_EQ(path::baseName("b.py"), "b.py");
}

TEST(PathTest, IsWithinRespectsComponentBoundaries) {
  EXPECT_TRUE(path::isWithin("/w/a", "/w"));
  EXPECT_TRUE(path::isWithin("/w", "/w"));
  EXPECT_FALSE(path::isWithin("/wx/a", "/w"));
  EXPECT_TRUE(path::isWithin("/w", "/"));
  EXPECT_EQ(path::relativeTo("/w/a/b", "/w"), "a/b");
  EXPECT_EQ(path::relativeTo("/w", "/w"), "");
  EXPECT_EQ(path::relativeTo("/w", "/"), "w");
}

} // namespace
} // namespace keyshift::scan
