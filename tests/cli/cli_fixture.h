// A temporary repository with a proxy configured, and runMain over it:
// the fixture of the end-to-end command-line tests.
#ifndef KEYSHIFT_TESTS_CLI_CLI_FIXTURE_H_
#define KEYSHIFT_TESTS_CLI_CLI_FIXTURE_H_

#include "cli/run_main.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace keyshift::cli {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("keyshift-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    testing::writeText(
        dir_ / ".keyshift.json",
        R"({"proxy": {"base_url": "https://gw.example/v1", "key_env": "GW_KEY"}})");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome run(std::vector<std::string> args) {
    std::ostringstream out, err;
    int code = runMain(args, out, err, dir_.string());
    return {code, out.str(), err.str()};
  }

  std::filesystem::path dir_;
};

} // namespace keyshift::cli

#endif // KEYSHIFT_TESTS_CLI_CLI_FIXTURE_H_
