// The per-file work budget (match/treesitter/budget.h): what it counts and
// that a query over it says so instead of returning fewer matches.
#include "match/python/python_dialect.h"
#include "match/treesitter/budget.h"
#include "match/treesitter/query.h"
#include "match/treesitter/tree.h"

#include <gtest/gtest.h>

namespace keyshift::ts {
namespace {

std::string nestedMethods(int n) {
  std::string s = "x = ";
  for (int i = 0; i < n; ++i)
    s += "a.b(";
  s += "c.create(model=\"m\")";
  return s + std::string(static_cast<std::size_t>(n), ')') + "\n";
}

// The shape of python.model-name: a state per enclosing call waits for a
// keyword argument until the call's arguments are done.
constexpr const char *kKeywordQuery =
    "(call function: (attribute object: (_) @api attribute: (identifier) "
    "@method) arguments: (argument_list (keyword_argument name: (identifier) "
    "@param value: (string) @model))) @call";

struct Ran {
  std::size_t matches;
  bool cut_short;
};

Ran runKeywordQuery(const std::string &src) {
  auto q = Query::compile(python::dialect().grammar(), kKeywordQuery);
  EXPECT_TRUE(q.ok());
  auto tree = Tree::parse(python::dialect().grammar(), src);
  bool cut = false;
  std::size_t n = q->run(tree->root(), src, &cut).size();
  return {n, cut};
}

TEST(BudgetTest, TreeDepthCountsLevelsAndStopsPastTheLimit) {
  std::string src = "x = f(g(1))\n";
  auto tree = Tree::parse(python::dialect().grammar(), src);
  // module > expression_statement > assignment > call > argument_list >
  // call > argument_list > integer
  EXPECT_EQ(treeDepth(tree->root()), 8u);
  EXPECT_EQ(treeDepth(tree->root(), 3), 4u) << "one level past the limit";
  EXPECT_EQ(overBudget(tree->root()), "");
}

TEST(BudgetTest, ADeepTreeIsOverBudget) {
  std::string src = "x = " + std::string(kMaxTreeDepth, '(') + "1" +
                    std::string(kMaxTreeDepth, ')') + "\n";
  auto tree = Tree::parse(python::dialect().grammar(), src);
  EXPECT_NE(overBudget(tree->root()).find("nested more than"),
            std::string::npos);
}

TEST(BudgetTest, AQueryWithinTheMatchLimitIsComplete) {
  Ran r = runKeywordQuery(nestedMethods(30));
  EXPECT_FALSE(r.cut_short);
  EXPECT_EQ(r.matches, 1u) << "the innermost call has the keyword";
}

TEST(BudgetTest, AQueryPastTheMatchLimitSaysItWasCutShort) {
  Ran r = runKeywordQuery(nestedMethods(kMaxMatchesInProgress + 50));
  EXPECT_TRUE(r.cut_short);
}

TEST(BudgetTest, TheTooComplexFindingRewritesNothing) {
  SourceFile file("a.py", "x = 1\n", Language::Python);
  std::vector<Finding> findings(1);
  findings[0].kind = FindingKind::ClientConstruction;
  findings[0].change = ChangeGroup{};
  holdForBudget(file, "a reason", findings);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_FALSE(findings[0].change);
  EXPECT_EQ(findings[0].kind, FindingKind::NeedsReview) << "holds its flows";
  EXPECT_TRUE(isTooComplex(findings[1]));
  EXPECT_EQ(findings[1].rule_id, "python.too-complex");
  EXPECT_EQ(findings[1].action, FindingAction::Skipped);
  EXPECT_NE(findings[1].message.find("skipped: too complex (a reason)"),
            std::string::npos);
}

} // namespace
} // namespace keyshift::ts
