// Golden trees under testdata/cpp/: rewrite input/, compare with expected/
// and findings.txt, compile every rewritten source with clang++-14
// -fsyntax-only, and check that a second run changes nothing.
#include "match/cpp/cpp_engine.h"
#include "tests/match/cpp/cpp_test_util.h"
#include "tests/support/fake_key.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

namespace keyshift::cpp {
namespace {

namespace fs = std::filesystem;
constexpr std::uint64_t kSeed = 2024;

struct GoldenCase {
  std::string name;
  bool cmake; ///< generate compile_commands.json with CMake and pass -p
};

std::string caseDir(const GoldenCase &c) {
  return testing::sourceDir() + "/testdata/cpp/" + c.name;
}

bool updating() {
  const char *v = std::getenv("KEYSHIFT_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

/// Puts the fake-key tokens back, so golden files never hold a key.
std::string unsubstitute(std::string text) {
  for (auto [shape, token] :
       {std::pair{keyshift::testing::KeyShape::Project,
                  keyshift::testing::kFakeProjectKeyToken},
        std::pair{keyshift::testing::KeyShape::User,
                  keyshift::testing::kFakeKeyToken}}) {
    std::string key = keyshift::testing::fakeOpenAiKey(shape, kSeed);
    for (std::size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at))
      text.replace(at, key.size(), token);
  }
  return text;
}

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {
protected:
  void SetUp() override {
    const GoldenCase &c = GetParam();
    root_ = work_.path() + "/tree";
    std::string input = caseDir(c) + "/input";
    for (const std::string &path : testing::listFiles(input)) {
      std::string rel = fs::path(path).lexically_relative(input).string();
      testing::writeFile(root_ + "/" + rel,
                         keyshift::testing::substituteFakeKeys(
                             testing::readFile(path), kSeed));
    }
    options_ = testing::optionsFor(root_);
    options_.proxy.base_url_env = "LLM_PROXY_URL";
    if (c.cmake) {
      build_ = work_.path() + "/build";
      std::string log;
      int rc = testing::runCommand("cmake -S '" + root_ + "' -B '" + build_ +
                                       "' -G Ninja "
                                       "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
                                   &log);
      ASSERT_EQ(rc, 0) << log;
      options_.compile_db_dir = build_;
    } else {
      options_.fallback_include_dirs = {root_ + "/vendor"};
    }
    for (const std::string &path : testing::listFiles(root_)) {
      std::string rel = fs::path(path).lexically_relative(root_).string();
      if (rel.rfind("vendor/", 0) == 0 || rel == "CMakeLists.txt")
        continue;
      files_.push_back(path);
    }
  }

  RunResult run() {
    Result<RunResult> r =
        runRules(testing::allBuiltinRules(), files_, options_);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(r).value() : RunResult{};
  }

  /// The argv each TU compiles with, from the database or the fallback.
  std::vector<std::string> syntaxCheckCommands() {
    std::vector<std::string> cmds;
    if (GetParam().cmake) {
      nlohmann::json db = nlohmann::json::parse(
          testing::readFile(build_ + "/compile_commands.json"));
      for (const auto &entry : db) {
        std::string command = entry.at("command").get<std::string>();
        // "<compiler> <flags> -o x.o -c file": keep the flags. A command
        // naming no standard is checked with its own compiler, whose
        // default the project relies on.
        std::size_t first_space = command.find(' ');
        std::size_t out = command.find(" -o ");
        std::string flags = command.substr(first_space, out - first_space);
        std::string compiler = flags.find("-std=") == std::string::npos
                                   ? command.substr(0, first_space)
                                   : "clang++-14";
        cmds.push_back("cd '" + entry.at("directory").get<std::string>() +
                       "' && " + compiler + " -fsyntax-only" + flags + " '" +
                       entry.at("file").get<std::string>() + "'");
      }
    } else {
      for (const std::string &f : files_)
        if (fs::path(f).extension() == ".cc")
          cmds.push_back("clang++-14 -fsyntax-only -std=c++17 -I'" + root_ +
                         "/vendor' '" + f + "'");
    }
    return cmds;
  }

  testing::TempDir work_;
  std::string root_;
  std::string build_;
  EngineOptions options_;
  std::vector<std::string> files_;
};

TEST_P(GoldenTest, RewritesToExpectedTreeThatCompilesAndIsStable) {
  const GoldenCase &c = GetParam();
  RunResult first = run();
  EXPECT_TRUE(first.errors.empty())
      << first.errors.front().first << ": " << first.errors.front().second;

  std::vector<std::string> lines = testing::describeFindings(first, root_);
  std::map<std::string, std::string> changed = testing::applyChanges(first);
  std::string findings_path = caseDir(c) + "/findings.txt";
  std::string expected_dir = caseDir(c) + "/expected";
  std::string actual_list;
  for (const std::string &l : lines)
    actual_list += l + "\n";
  if (updating()) {
    testing::writeFile(findings_path, actual_list);
    fs::remove_all(expected_dir);
    for (const auto &[path, content] : changed)
      testing::writeFile(expected_dir + "/" +
                             fs::path(path).lexically_relative(root_).string(),
                         unsubstitute(content));
  }
  EXPECT_EQ(actual_list, testing::readFile(findings_path));

  std::vector<std::string> expected_files =
      fs::exists(expected_dir) ? testing::listFiles(expected_dir)
                               : std::vector<std::string>{};
  EXPECT_EQ(changed.size(), expected_files.size());
  for (const std::string &path : expected_files) {
    std::string rel = fs::path(path).lexically_relative(expected_dir).string();
    std::string want =
        keyshift::testing::substituteFakeKeys(testing::readFile(path), kSeed);
    auto it = changed.find(root_ + "/" + rel);
    ASSERT_NE(it, changed.end()) << rel << " was not changed";
    EXPECT_EQ(it->second, want) << rel;
  }

  for (const auto &[path, content] : changed)
    testing::writeFile(path, content);
  for (const std::string &cmd : syntaxCheckCommands()) {
    std::string log;
    EXPECT_EQ(testing::runCommand(cmd, &log), 0) << cmd << "\n" << log;
  }

  RunResult second = run();
  for (const FileFindings &file : second.files)
    for (const Finding &f : file.findings)
      EXPECT_FALSE(f.change.has_value())
          << "second run still changes " << file.abs_path << " (" << f.rule_id
          << ")";
}

// Issue 13: skipping what system headers hold changes no finding.
TEST_P(GoldenTest, LeanParseFindsWhatFullParseFinds) {
  options_.full_parse = true;
  RunResult full = run();
  options_.full_parse = false;
  RunResult lean = run();
  auto everything = [](const RunResult &r) {
    std::vector<std::string> rows;
    for (const FileFindings &file : r.files)
      for (const Finding &f : file.findings)
        rows.push_back(file.abs_path + "|" + f.rule_id + "|" +
                       std::to_string(f.range.offset) + "+" +
                       std::to_string(f.range.length) + "|" +
                       std::string(findingKindName(f.kind)) + "|" + f.message +
                       "|" + f.before + "|" + f.after);
    return rows;
  };
  EXPECT_FALSE(full.files.empty());
  EXPECT_EQ(everything(lean), everything(full));
  EXPECT_EQ(testing::applyChanges(lean), testing::applyChanges(full));
  EXPECT_EQ(lean.errors, full.errors);
}

INSTANTIATE_TEST_SUITE_P(
    CppTrees, GoldenTest,
    ::testing::Values(GoldenCase{"with_cmake", true},
                      GoldenCase{"no_db", false},
                      GoldenCase{"cmake_no_std", true},
                      GoldenCase{"openai_cpp_using", false},
                      GoldenCase{"platform_branches", false},
                      GoldenCase{"raw_http_libcurl", false},
                      GoldenCase{"raw_http_key_parameter", false}),
    [](const ::testing::TestParamInfo<GoldenCase> &info) {
      return info.param.name;
    });

} // namespace
} // namespace keyshift::cpp
