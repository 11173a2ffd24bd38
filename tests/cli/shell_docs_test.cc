// The man page and completions come from the flag table: each lists every
// flag (in its own syntax) and every command, and the files parse.
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/shell_docs.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace keyshift::cli {
namespace {

std::string generated(std::string_view what) {
  auto text = generateShellDoc(what, "9.8.7");
  EXPECT_TRUE(text.has_value()) << what;
  return text.value_or("");
}

/// roff spells every '-' as "\-".
std::string roff(std::string_view text) {
  std::string out;
  for (char c : text)
    out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

/// How each format spells `--name`.
std::string spelled(std::string_view what, std::string_view name) {
  std::string n(name);
  if (what == "man")
    return roff("--" + n);
  if (what == "fish")
    return " -l " + n + " ";
  return "--" + n;
}

TEST(ShellDocsTest, EveryFormatListsEveryFlagAndCommand) {
  for (std::string_view what : {"man", "bash", "zsh", "fish"}) {
    std::string text = generated(what);
    for (const FlagDef &f : flagTable()) {
      EXPECT_NE(text.find(spelled(what, f.name)), std::string::npos)
          << what << " lacks --" << f.name;
      if (f.short_name && what == "man")
        EXPECT_NE(text.find(std::string("\\-") + f.short_name),
                  std::string::npos)
            << what << " lacks -" << f.short_name;
    }
    for (const Command &c : commandTable())
      EXPECT_NE(text.find(what == "man" ? roff(c.name) : std::string(c.name)),
                std::string::npos)
          << what << " lacks " << c.name;
  }
  EXPECT_NE(generated("man").find("\"keyshift 9.8.7\""), std::string::npos);
  EXPECT_FALSE(generateShellDoc("powershell", "1").has_value());
}

TEST(ShellDocsTest, BashCompletesCommandsAndEachCommandsFlags) {
  auto dir = std::filesystem::temp_directory_path() /
             ("keyshift-shell-docs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  keyshift::testing::writeText(dir / "keyshift.bash", generated("bash"));
  auto complete = [&](const std::string &words, int cword) {
    std::string out = (dir / "out").string();
    std::string cmd = "bash -c 'source " + (dir / "keyshift.bash").string() +
                      " && COMP_WORDS=(" + words +
                      ") && COMP_CWORD=" + std::to_string(cword) +
                      " && _keyshift; echo \"${COMPREPLY[*]}\"' > " + out;
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return keyshift::testing::readText(out);
  };
  EXPECT_EQ(complete("keyshift te", 1), "test-rules\n");
  EXPECT_EQ(complete("keyshift migrate --ap", 2), "--apply\n");
  // --apply is migrate's: audit does not offer it.
  EXPECT_EQ(complete("keyshift audit --ap", 2), "\n");
  EXPECT_EQ(complete("keyshift init --for", 2), "--force\n");
  std::filesystem::remove_all(dir);
}

TEST(ShellDocsTest, ManPageFormatsWithoutGroffWarnings) {
  if (std::system("command -v groff >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "groff is not installed";
  auto path = std::filesystem::temp_directory_path() /
              ("keyshift-" + std::to_string(::getpid()) + ".1");
  keyshift::testing::writeText(path, generated("man"));
  std::string cmd = "groff -man -Tutf8 -ww -z " + path.string() + " 2>&1";
  FILE *pipe = ::popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string warnings;
  char buf[256];
  while (std::fgets(buf, sizeof buf, pipe))
    warnings += buf;
  EXPECT_EQ(::pclose(pipe), 0);
  EXPECT_EQ(warnings, "");
  std::filesystem::remove(path);
}

} // namespace
} // namespace keyshift::cli
