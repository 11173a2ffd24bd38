#include "match/config/line_format.h"

#include <gtest/gtest.h>

namespace keyshift::config {
namespace {

struct Seen {
  Entry::Kind kind;
  std::string key;
  std::string value;
};

std::vector<Seen> read(std::string_view text, LineFlavour flavour) {
  std::vector<Seen> out;
  for (const Entry &e : parseLines(text, flavour).entries) {
    // Ranges must point at what the entry says.
    if (e.kind != Entry::Kind::Text)
      EXPECT_EQ(text.substr(e.key_range.offset, e.key_range.length), e.key);
    EXPECT_EQ(text.substr(e.value_range.offset, e.value_range.length), e.value);
    out.push_back({e.kind, e.key, e.value});
  }
  return out;
}

using K = Entry::Kind;

bool operator==(const Seen &a, const Seen &b) {
  return a.kind == b.kind && a.key == b.key && a.value == b.value;
}
void PrintTo(const Seen &s, std::ostream *os) {
  *os << static_cast<int>(s.kind) << " '" << s.key << "'='" << s.value << "'";
}

TEST(LineFormat, DotenvAssignmentsKeepQuotesOutOfValues) {
  EXPECT_EQ(read("# c\n\nA=1\nexport B=\"two words\"  # note\nC = 'x'\r\n"
                 "D=v # c\nE=\n",
                 LineFlavour::Env),
            (std::vector<Seen>{{K::Assignment, "A", "1"},
                               {K::Assignment, "B", "two words"},
                               {K::Assignment, "C", "x"},
                               {K::Assignment, "D", "v"},
                               {K::Assignment, "E", ""}}));
}

TEST(LineFormat, ReferencesInValuesAndScriptLines) {
  EXPECT_EQ(read("export K=\"${OPENAI_API_KEY:?x}\"\n"
                 "curl -H \"Bearer $OPENAI_API_KEY\" $URL/x\n"
                 "export OPENAI_API_KEY\n",
                 LineFlavour::Shell),
            (std::vector<Seen>{
                {K::Assignment, "K", "${OPENAI_API_KEY:?x}"},
                {K::Reference, "OPENAI_API_KEY", ""},
                {K::Text, "", "curl -H \"Bearer $OPENAI_API_KEY\" $URL/x"},
                {K::Reference, "OPENAI_API_KEY", ""},
                {K::Reference, "URL", ""},
                {K::Assignment, "OPENAI_API_KEY", ""}}));
}

TEST(LineFormat, DockerfileEnvListsLegacyFormAndArg) {
  EXPECT_EQ(read("FROM x\nARG OPENAI_API_KEY\nenv A=1 \\\n    B=\"2 3\"\n"
                 "ENV C legacy value\nRUN echo $A\n",
                 LineFlavour::Dockerfile),
            (std::vector<Seen>{{K::Text, "", "FROM x"},
                               {K::Assignment, "OPENAI_API_KEY", ""},
                               {K::Assignment, "A", "1"},
                               {K::Assignment, "B", "2 3"},
                               {K::Assignment, "C", "legacy value"},
                               {K::Text, "", "RUN echo $A"},
                               {K::Reference, "A", ""}}));
}

TEST(LineFormat, MakefileOperatorsReferencesAndShellCalls) {
  EXPECT_EQ(read("A ?= $(shell cat k)\nexport B := x # c\nC=$(A)\n"
                 "\tcurl -H $$TOKEN\n",
                 LineFlavour::Makefile),
            (std::vector<Seen>{{K::Assignment, "A", "$(shell cat k)"},
                               {K::Assignment, "B", "x"},
                               {K::Assignment, "C", "$(A)"},
                               {K::Reference, "A", ""},
                               {K::Text, "", "curl -H $$TOKEN"},
                               {K::Reference, "TOKEN", ""}}));
}

/// The in_command entries of a shell line, as "KEY=value" or "KEY" for a
/// passed name.
std::vector<std::string> commandEntries(std::string_view text) {
  std::vector<std::string> out;
  for (const Entry &e : parseLines(text, LineFlavour::Shell).entries)
    if (e.in_command) {
      EXPECT_EQ(text.substr(e.key_range.offset, e.key_range.length), e.key);
      EXPECT_EQ(text.substr(e.value_range.offset, e.value_range.length),
                e.value);
      out.push_back(e.passed_name ? e.key : e.key + "=" + e.value);
    }
  return out;
}

TEST(LineFormat, CommandLinesSetVariablesToo) {
  using V = std::vector<std::string>;
  EXPECT_EQ(commandEntries("docker run -e OPENAI_API_KEY=\"$OPENAI_API_KEY\" "
                           "-e \"MODE=batch\" img\n"),
            (V{"OPENAI_API_KEY=$OPENAI_API_KEY", "MODE=batch"}));
  EXPECT_EQ(commandEntries("kubectl create secret generic s "
                           "--from-literal=K=\"$K\"\n"),
            (V{"K=$K"}));
  EXPECT_EQ(commandEntries("echo \"K=${K:-x}\" >> .env; env A=1 run\n"),
            (V{"K=${K:-x}", "A=1"}));
  // A name handed to a command beside a value; not beside none, and not a
  // word that only mentions it.
  EXPECT_EQ(commandEntries("write_env OPENAI_API_KEY \"$X\"\n"),
            (V{"OPENAI_API_KEY"}));
  EXPECT_EQ(commandEntries("echo 'OPENAI_API_KEY' missing\n"), V{});
  EXPECT_EQ(commandEntries("echo \"set OPENAI_API_KEY: $HOME\"\n"), V{});
  // Neither comparisons nor URLs.
  EXPECT_EQ(commandEntries("test \"$A\" == b && curl https://x/?q=1\n"), V{});
}

TEST(LineFormat, UnterminatedQuotesAreCounted) {
  EXPECT_EQ(parseLines("A=\"open\nB='x'\n", LineFlavour::Env).unterminated, 1u);
  EXPECT_EQ(parseLines("A=\"ok\"\n", LineFlavour::Env).unterminated, 0u);
}

TEST(LineFormat, FlavourByFileName) {
  EXPECT_EQ(lineFlavourForPath("deploy/Dockerfile.prod"),
            LineFlavour::Dockerfile);
  EXPECT_EQ(lineFlavourForPath("Makefile"), LineFlavour::Makefile);
  EXPECT_EQ(lineFlavourForPath("tools/x.mk"), LineFlavour::Makefile);
  EXPECT_EQ(lineFlavourForPath("run.sh"), LineFlavour::Shell);
  EXPECT_EQ(lineFlavourForPath(".env.local"), LineFlavour::Env);
}

} // namespace
} // namespace keyshift::config
