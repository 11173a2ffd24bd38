// A scratch directory per test and runMain run in it: what the command-line
// tests share.
#ifndef KEYSHIFT_TESTS_CLI_CLI_FIXTURE_H_
#define KEYSHIFT_TESTS_CLI_CLI_FIXTURE_H_

#include "cli/run_main.h"
#include "driver/driver.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace keyshift::cli::testing {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

/// dir_ is empty and removed after each test; run() is `keyshift ARGS` in it.
class CliFixture : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("keyshift-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome run(std::vector<std::string> args,
              const driver::TestHooks *hooks = nullptr) {
    std::ostringstream out, err;
    int code = runMain(args, out, err, dir_.string(), hooks);
    return {code, out.str(), err.str()};
  }
  /// A .keyshift.json with the proxy the tests use.
  void writeProxyConfig() {
    keyshift::testing::writeText(
        dir_ / ".keyshift.json",
        R"({"proxy": {"base_url": "https://gw.example/v1", "key_env": "GW_KEY"}})");
  }

  std::filesystem::path dir_;
};

/// A CliFixture whose directory has the proxy configured.
class CliTest : public CliFixture {
protected:
  void SetUp() override {
    CliFixture::SetUp();
    writeProxyConfig();
  }
};

} // namespace keyshift::cli::testing

#endif // KEYSHIFT_TESTS_CLI_CLI_FIXTURE_H_
