// The name prefilter of the second look across TUs (cross_tu_calls.h):
// which source files are parsed to answer a question about a function.
#include "match/cpp/cross_tu_calls.h"

#include <gtest/gtest.h>

namespace keyshift::cpp::detail {
namespace {

TEST(CrossTuCallsTest, SpellsOnlyWholeIdentifiers) {
  EXPECT_TRUE(spellsIdentifier("return apiBase() + p;", "apiBase"));
  EXPECT_TRUE(spellsIdentifier("apiBase", "apiBase"));
  EXPECT_FALSE(spellsIdentifier("return apiBaseUrl();", "apiBase"));
  EXPECT_FALSE(spellsIdentifier("kEndpoint", "Endpoint"));
  EXPECT_FALSE(spellsIdentifier("my_apiBase()", "apiBase"));
  EXPECT_FALSE(spellsIdentifier("anything", ""));
}

TEST(CrossTuCallsTest, InnermostNamespaceIgnoresParameterTypes) {
  EXPECT_EQ(innermostNamespace("c:@N@acme@N@unit0@F@endpoint#"), "unit0");
  EXPECT_EQ(innermostNamespace("c:@F@envOr#*1C#&1$@N@std@N@__cxx11@S@basic_"
                               "string>#C#$@N@std@S@char_traits>#C#"),
            "");
  EXPECT_EQ(innermostNamespace("c:@N@svc@S@Client@F@post#"), "svc");
  EXPECT_EQ(innermostNamespace("c:@N@svc@g_base"), "svc");
  EXPECT_EQ(innermostNamespace("c:@g_base"), "");
}

} // namespace
} // namespace keyshift::cpp::detail
