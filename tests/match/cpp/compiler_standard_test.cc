// The standard given to commands that name none (issue 13): read from the
// compiler the command names, once per compiler, never from a program in
// the scanned tree.
#include "match/cpp/compiler_standard.h"
#include "tests/match/cpp/cpp_test_util.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace keyshift::cpp::detail {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

TEST(CompilerStandardTest, NamesStandard) {
  EXPECT_TRUE(namesStandard({"c++", "-std=c++17", "-c", "a.cc"}));
  EXPECT_TRUE(namesStandard({"c++", "--std=gnu++20"}));
  EXPECT_TRUE(namesStandard({"c++", "--std", "c++20"}));
  EXPECT_TRUE(namesStandard({"clang-cl", "/std:c++17"}));
  EXPECT_FALSE(namesStandard({"/usr/bin/c++", "-Iinclude", "-O2", "a.cc"}));
}

TEST(CompilerStandardTest, StandardFromPredefines) {
  EXPECT_EQ(standardFromPredefines("#define __GNUC__ 12\n"
                                   "#define __cplusplus 201703L\n"),
            "gnu++17");
  EXPECT_EQ(standardFromPredefines("#define __STRICT_ANSI__ 1\n"
                                   "#define __cplusplus 201703L\n"),
            "c++17");
  EXPECT_EQ(standardFromPredefines("#define __cplusplus 201402L\n"), "gnu++14");
  EXPECT_EQ(standardFromPredefines("#define __cplusplus 202002L\n"), "gnu++20");
  EXPECT_EQ(standardFromPredefines("#define __cplusplus 202100L"), "gnu++2b");
  EXPECT_EQ(standardFromPredefines("#define __cplusplus 199711L\n"), "gnu++98");
  // Another macro whose name starts the same is not __cplusplus.
  EXPECT_EQ(standardFromPredefines("#define __cplusplus_cli 1\n"),
            std::nullopt);
  EXPECT_EQ(standardFromPredefines(""), std::nullopt);
}

TEST(CompilerStandardTest, LooksLikeCompiler) {
  for (const char *name : {"c++", "g++", "g++-12", "x86_64-linux-gnu-g++-12",
                           "clang++-14", "clang", "cc", "gcc"})
    EXPECT_TRUE(looksLikeCompiler(name)) << name;
  for (const char *name : {"build.sh", "python3", "make", "g++.py", ""})
    EXPECT_FALSE(looksLikeCompiler(name)) << name;
}

/// An executable script at `path` printing `macros` for -dM -E and
/// touching `marker` (so a test can tell whether it ran).
void writeFakeCompiler(const TempDir &dir, const std::string &rel,
                       const std::string &macros, const std::string &marker) {
  std::string path = dir.write(rel, "#!/bin/sh\ntouch '" + marker +
                                        "'\nprintf '" + macros + "'\n");
  fs::permissions(path, fs::perms::owner_all);
}

TEST(CompilerStandardTest, AsksTheCompilerOnce) {
  TempDir tools;
  TempDir tree;
  std::string marker = tools.path() + "/ran";
  writeFakeCompiler(tools, "bin/g++", "#define __cplusplus 202002L\\n", marker);
  CompilerStandards standards(tree.path());
  DefaultStandard first = standards.standardFor(tools.path() + "/bin/g++", "/");
  EXPECT_EQ(first.flag, "-std=gnu++20");
  EXPECT_FALSE(first.note.has_value());
  EXPECT_TRUE(fs::exists(marker));
  // A relative compiler path is resolved against the command's directory.
  fs::remove(marker);
  DefaultStandard again = standards.standardFor("bin/g++", tools.path());
  EXPECT_EQ(again.flag, "-std=gnu++20");
  EXPECT_FALSE(fs::exists(marker)) << "asked twice";
}

TEST(CompilerStandardTest, MissingCompilerFallsBackWithANote) {
  TempDir tree;
  CompilerStandards standards(tree.path());
  DefaultStandard d = standards.standardFor("/nonexistent/bin/g++-99", "/");
  EXPECT_EQ(d.flag, "-std=gnu++17");
  ASSERT_TRUE(d.note.has_value());
  EXPECT_EQ(*d.note, "compile commands name no C++ standard and compiler "
                     "/nonexistent/bin/g++-99 not found: parsed as "
                     "-std=gnu++17, assumed");
}

TEST(CompilerStandardTest, NeverRunsAProgramFromTheTreeOrANonCompiler) {
  TempDir tree;
  TempDir tools;
  std::string marker = tools.path() + "/ran";
  writeFakeCompiler(tree, "tools/g++", "#define __cplusplus 202002L\\n",
                    marker);
  writeFakeCompiler(tools, "build.sh", "#define __cplusplus 202002L\\n",
                    marker);
  CompilerStandards standards(tree.path());
  DefaultStandard inside =
      standards.standardFor(tree.path() + "/tools/g++", "/");
  EXPECT_EQ(inside.flag, "-std=gnu++17");
  ASSERT_TRUE(inside.note.has_value());
  EXPECT_NE(inside.note->find("inside the scanned tree (not run)"),
            std::string::npos)
      << *inside.note;
  DefaultStandard script =
      standards.standardFor(tools.path() + "/build.sh", "/");
  ASSERT_TRUE(script.note.has_value());
  EXPECT_NE(script.note->find("does not look like a compiler (not run)"),
            std::string::npos)
      << *script.note;
  EXPECT_FALSE(fs::exists(marker));
}

TEST(CompilerStandardTest, CompilerWithoutCplusplusFallsBack) {
  TempDir tools;
  TempDir tree;
  writeFakeCompiler(tools, "cc", "#define __STDC__ 1\\n",
                    tools.path() + "/ran");
  CompilerStandards standards(tree.path());
  DefaultStandard d = standards.standardFor(tools.path() + "/cc", "/");
  EXPECT_EQ(d.flag, "-std=gnu++17");
  ASSERT_TRUE(d.note.has_value());
  EXPECT_NE(d.note->find("did not report __cplusplus"), std::string::npos);
}

} // namespace
} // namespace keyshift::cpp::detail
