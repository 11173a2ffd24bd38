#include "report/progress_printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace keyshift::report {
namespace {

TEST(ProgressPrinterTest, ShortRunsPrintNothing) {
  std::int64_t now = 0;
  std::ostringstream out;
  ProgressPrinter p(out, [&] { return now; });
  p.beginRun(3);
  for (int i = 0; i < 3; ++i) {
    now += 100;
    p.file(FileOutcome{});
  }
  p.endRun(RunStats{});
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressPrinterTest, LongRunsRedrawAtMostTenTimesASecondThenErase) {
  std::int64_t now = 0;
  std::ostringstream out;
  ProgressPrinter p(out, [&] { return now; });
  p.beginRun(100);
  for (int i = 0; i < 100; ++i) {
    now += 20; // 2 s in all
    p.file(FileOutcome{});
  }
  p.endRun(RunStats{});
  std::string s = out.str();
  std::size_t draws = 0;
  for (std::size_t pos = s.find("\rkeyshift: "); pos != std::string::npos;
       pos = s.find("\rkeyshift: ", pos + 1))
    ++draws;
  EXPECT_EQ(draws, 16u) << "at 0.5 s, 0.6 s, ... 2.0 s";
  EXPECT_NE(s.find("\rkeyshift: 25/100 files"), std::string::npos) << s;
  EXPECT_EQ(s.substr(s.size() - 4), "\r\x1b[K");
}

} // namespace
} // namespace keyshift::report
