#include "match/python/python_dialect.h"
#include "match/treesitter/query.h"
#include "match/treesitter/tree.h"

#include <gtest/gtest.h>

namespace keyshift::ts {
namespace {

std::vector<std::string> run(const std::string &query, const std::string &src) {
  auto q = Query::compile(python::dialect().grammar(), query);
  EXPECT_TRUE(q.ok()) << (q.ok() ? "" : q.error().message);
  auto tree = Tree::parse(python::dialect().grammar(), src);
  std::vector<std::string> out;
  for (const QueryMatch &m : q->run(tree->root(), src))
    out.emplace_back(nodeText(m.captures.front().node, src));
  return out;
}

TEST(QueryTest, EvaluatesEqAndNotEq) {
  std::string src = "a = 1\nb = 2\na = 3\n";
  EXPECT_EQ(run("((identifier) @id (#eq? @id \"a\"))", src),
            (std::vector<std::string>{"a", "a"}));
  EXPECT_EQ(run("((identifier) @id (#not-eq? @id \"a\"))", src),
            std::vector<std::string>{"b"});
}

TEST(QueryTest, EvaluatesMatchWithRe2AndAnyOf) {
  std::string src = "OPENAI_API_KEY = 1\nOTHER = 2\nOPENAI_BASE = 3\n";
  EXPECT_EQ(run("((identifier) @id (#match? @id \"^OPENAI_\"))", src),
            (std::vector<std::string>{"OPENAI_API_KEY", "OPENAI_BASE"}));
  EXPECT_EQ(run("((identifier) @id (#not-match? @id \"^OPENAI_\"))", src),
            std::vector<std::string>{"OTHER"});
  EXPECT_EQ(run("((identifier) @id (#any-of? @id \"OTHER\" \"NONE\"))", src),
            std::vector<std::string>{"OTHER"});
}

TEST(QueryTest, ReportsSyntaxErrorsWithPosition) {
  auto q =
      Query::compile(python::dialect().grammar(), "(call\n  (nonsense_node))");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().message, "query:2:4: unknown node type");
}

TEST(QueryTest, RejectsUnknownPredicatesAndBadRegexes) {
  auto unknown = Query::compile(python::dialect().grammar(),
                                "((identifier) @i (#frob? @i \"x\"))");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("unsupported predicate '#frob?'"),
            std::string::npos);
  auto bad = Query::compile(python::dialect().grammar(),
                            "((identifier) @i (#match? @i \"(\"))");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("bad regex"), std::string::npos);
}

TEST(TreeTest, CountsErrorsAndFindsEditsTouchingThem) {
  std::string broken = "x = 1\ndef f(:\n    pass\n";
  auto tree = Tree::parse(python::dialect().grammar(), broken);
  ASSERT_TRUE(tree.ok());
  EXPECT_GT(tree->errorCount(), 0u);
  EXPECT_FALSE(touchesError(tree->root(), ByteRange{0, 1}));
  EXPECT_TRUE(touchesError(tree->root(), ByteRange{12, 0}));
  EXPECT_TRUE(touchesError(tree->root(), ByteRange{12, 1}));
  auto clean = Tree::parse(python::dialect().grammar(), "x = 1\n");
  EXPECT_EQ(clean->errorCount(), 0u);
}

} // namespace
} // namespace keyshift::ts
