#include "scan/prefilter.h"

#include <gtest/gtest.h>

#include <random>

namespace keyshift::scan {
namespace {

using Indices = std::vector<std::size_t>;

Indices naivePresent(const std::vector<std::string> &lits,
                     std::string_view text) {
  Indices out;
  for (std::size_t i = 0; i < lits.size(); ++i)
    if (text.find(lits[i]) != std::string_view::npos)
      out.push_back(i);
  return out;
}

TEST(PrefilterTest, ReportsWhichLiteralsOccurSorted) {
  Prefilter pf({"OPENAI_API_KEY", "api.openai.com", "OpenAI"});
  EXPECT_EQ(pf.present("from openai import OpenAI\nurl = "
                       "'https://api.openai.com/v1'\n"),
            (Indices{1, 2}));
  EXPECT_TRUE(pf.any("x = OpenAI()"));
  EXPECT_FALSE(pf.any("import requests\n"));
  EXPECT_TRUE(pf.present("import requests\n").empty());
}

TEST(PrefilterTest, IsCaseSensitive) {
  Prefilter pf({"OpenAI"});
  EXPECT_FALSE(pf.any("openai OPENAI"));
}

TEST(PrefilterTest, OverlappingAndNestedLiteralsAreAllFound) {
  Prefilter pf({"OPENAI_API_KEY", "API", "KEY", "I_A", "AI_API_KEY_X"});
  EXPECT_EQ(pf.present("os.environ['OPENAI_API_KEY']"), (Indices{0, 1, 2, 3}));
}

TEST(PrefilterTest, LiteralsAtTheEdgesOfTheText) {
  Prefilter pf({"ab", "yz"});
  EXPECT_EQ(pf.present("abxyz"), (Indices{0, 1}));
  EXPECT_EQ(pf.present("ab"), (Indices{0}));
  EXPECT_TRUE(pf.present("a").empty());
  EXPECT_TRUE(pf.present("").empty());
}

TEST(PrefilterTest, DuplicateLiteralsAreAllReported) {
  Prefilter pf({"sk-", "x", "sk-"});
  EXPECT_EQ(pf.present("key = 'sk-'"), (Indices{0, 2}));
}

TEST(PrefilterTest, EmptyLiteralOccursEverywhere) {
  Prefilter pf({"zzz", ""});
  EXPECT_EQ(pf.present(""), (Indices{1}));
  EXPECT_TRUE(pf.any("abc"));
}

TEST(PrefilterTest, NoLiteralsMatchNothing) {
  Prefilter pf({});
  EXPECT_FALSE(pf.any("anything"));
  EXPECT_TRUE(pf.present("anything").empty());
}

TEST(PrefilterTest, HandlesEveryByteValue) {
  std::string bin("\x00\xff\x80", 3);
  Prefilter pf({bin, "\xC3\xA9"});
  EXPECT_EQ(pf.present(std::string("ab\x00\xff\x80", 5)), (Indices{0}));
  EXPECT_EQ(pf.present("caf\xC3\xA9"), (Indices{1}));
}

// Large texts are scanned in interleaved slices; a literal straddling a
// slice boundary must still be found.
TEST(PrefilterTest, LiteralsStraddlingSliceBoundariesAreFound) {
  const std::string lit = "OPENAI_BASE_URL";
  Prefilter pf({lit, "nothing-here"});
  for (std::size_t n : {4096u, 4099u, 65536u, 100003u}) {
    for (std::size_t slice = 1; slice < 4; ++slice) {
      std::size_t boundary = n / 4 * slice;
      for (std::size_t back = 1; back < lit.size(); ++back) {
        std::string text(n, '.');
        text.replace(boundary - back, lit.size(), lit);
        ASSERT_EQ(pf.present(text), (Indices{0}))
            << "n=" << n << " boundary=" << boundary << " back=" << back;
        ASSERT_TRUE(pf.any(text));
      }
    }
    std::string tail(n, '.');
    tail.replace(n - lit.size(), lit.size(), lit);
    EXPECT_EQ(pf.present(tail), (Indices{0})) << "n=" << n;
  }
}

TEST(PrefilterTest, AgreesWithNaiveSearchOnRandomText) {
  std::mt19937 rng(1234);
  std::uniform_int_distribution<int> letter(0, 3);
  auto randomString = [&](std::size_t len) {
    std::string s;
    for (std::size_t i = 0; i < len; ++i)
      s += static_cast<char>('a' + letter(rng));
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> lits;
    int count = 1 + round % 8;
    lits.reserve(count);
    for (int i = 0; i < count; ++i)
      lits.push_back(randomString(1 + (rng() % 9)));
    Prefilter pf(lits);
    std::size_t len = round % 2 == 0 ? rng() % 64 : 4096 + rng() % 5000;
    std::string text = randomString(len);
    ASSERT_EQ(pf.present(text), naivePresent(lits, text)) << "round " << round;
    ASSERT_EQ(pf.any(text), !naivePresent(lits, text).empty());
  }
}

} // namespace
} // namespace keyshift::scan
