#include "report/fan_out_sink.h"
#include "report_test_util.h"

#include <gtest/gtest.h>

namespace keyshift::report {
namespace {

/// Records calls as text, tagged with its name, into a shared log.
class RecordingSink : public ReportSink {
public:
  RecordingSink(std::string name, std::string &log)
      : name_(std::move(name)), log_(log) {}
  void file(const FileOutcome &o) override {
    log_ += name_ + ":file:" + o.repo_path + "\n";
  }
  void problem(const FileProblem &p) override {
    log_ += name_ + ":problem:" + p.display_path + "\n";
  }
  void endRun(const RunStats &s) override {
    log_ += name_ + ":end:" + std::to_string(s.files_scanned) + "\n";
  }

private:
  std::string name_;
  std::string &log_;
};

TEST(FanOutSinkTest, ForwardsEveryCallToEverySinkInOrder) {
  std::string log;
  RecordingSink first("1", log);
  RecordingSink second("2", log);
  FanOutSink fan;
  fan.add(first);
  fan.add(second);
  auto o = testing::makeOutcome("a.py", "x\n");
  fan.file(o.outcome);
  fan.problem(FileProblem{"b.bin", FileProblem::Kind::Skipped, "binary"});
  RunStats stats;
  stats.files_scanned = 2;
  fan.endRun(stats);
  EXPECT_EQ(fan.size(), 2u);
  EXPECT_EQ(log, "1:file:a.py\n2:file:a.py\n1:problem:b.bin\n"
                 "2:problem:b.bin\n1:end:2\n2:end:2\n");
}

TEST(FanOutSinkTest, NullSinksPassedAtConstructionAreIgnored) {
  std::string log;
  RecordingSink only("1", log);
  FanOutSink fan({nullptr, &only, nullptr});
  fan.endRun(RunStats{});
  EXPECT_EQ(fan.size(), 1u);
  EXPECT_EQ(log, "1:end:0\n");
}

} // namespace
} // namespace keyshift::report
