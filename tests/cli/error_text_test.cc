// Errors quote what the user typed; they must never echo a key pasted in
// the wrong place nor a control byte (docs/RELIABILITY.md, secret hygiene).
// Each case puts a generated fake key and ESC/BEL bytes into one place a
// message quotes: a flag, .keyshift.json, a rule file, a path, a command.
#include "cli/cli_fixture.h"
#include "support/fake_key.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keyshift::cli {
namespace {

using keyshift::testing::writeText;
using testing::CliTest;
using testing::Outcome;

const std::string kEsc = "\x1b]0;owned\x07\x1b[2J";

std::string key() {
  return keyshift::testing::fakeOpenAiKey(keyshift::testing::KeyShape::Project,
                                          11);
}

/// A JSON string holding the key and kEsc, escaped as JSON requires.
std::string jsonPoison() { return key() + "\\u001b]0;owned\\u0007\\u001b[2J"; }

struct Case {
  std::string name;
  std::vector<std::string> args;
  std::string must_name;   ///< what the message still says about the place
  std::string config = {}; ///< .keyshift.json, when not the default
  std::string rule = {};   ///< bad.json, when the case needs a rule file
};

std::vector<Case> cases() {
  const std::string k = key(), poison = k + kEsc, j = jsonPoison();
  const std::string proxy =
      R"("base_url": "https://gw.example/v1", "key_env": "GW_KEY")";
  const std::string rule_head =
      R"({"language": "python", "kind": "client-construction",
          "severity": "warning", "message": "m", "triggers": ["x"],
          "query": "(call) @c", )";
  return {
      {"key-env flag", {"migrate", "--key-env", poison, "."}, "--key-env"},
      {"preset flag", {"migrate", "--preset", poison, "."}, "--preset"},
      {"base-url flag",
       {"migrate", "--base-url", "https://gw/" + poison, "."},
       "--base-url"},
      {"base-url query",
       {"migrate", "--base-url", "https://gw/v1?k=" + k, "."},
       "?query"},
      {"format flag", {"migrate", "--format", poison}, "--format"},
      {"shard flag", {"migrate", "--shard", poison}, "--shard"},
      {"kind flag", {"audit", "--kind", poison}, "--kind"},
      {"unknown option", {"migrate", "--" + poison}, "unknown option"},
      {"unknown command", {poison}, "unknown command"},
      {"path", {"migrate", poison + "/app.py"}, "no such file"},
      {"rules path", {"migrate", "--rules", poison + ".json", "."}, ".json"},
      {"baseline path",
       {"audit", "--baseline", poison + ".json", "."},
       "baseline"},
      {"audit-log path",
       {"migrate", "--apply", "--audit-log", "no/dir/" + poison, "."},
       "audit log"},
      {"key_env in the config",
       {"migrate", "."},
       "/proxy/key_env",
       R"({"proxy": {"base_url": "https://gw.example/v1", "key_env": ")" + j +
           R"("}})"},
      {"preset in the config",
       {"migrate", "."},
       "/proxy/preset",
       R"({"proxy": {"preset": ")" + j + R"("}})"},
      {"base_url in the config",
       {"migrate", "."},
       "/proxy/base_url",
       R"({"proxy": {"key_env": "K", "base_url": "https://gw/)" + j + R"("}})"},
      {"raw bytes in the config",
       {"migrate", "."},
       ".keyshift.json",
       "{\"proxy\": {" + proxy + "}, \"" + poison + "\": 1}"},
      {"rule id",
       {"migrate", "--rules", "bad.json", "."},
       "bad.json",
       "",
       rule_head + R"("action": {"type": "report-only"}, "id": ")" + j +
           R"("})"},
      {"rule action",
       {"migrate", "--rules", "bad.json", "."},
       "/action/type",
       "",
       rule_head + R"("id": "python.x", "action": {"type": ")" + j + R"("}})"},
      {"raw bytes in a rule",
       {"migrate", "--rules", "bad.json", "."},
       "bad.json",
       "",
       rule_head + "\"id\": \"" + poison + "\"}"},
  };
}

TEST_F(CliTest, NoErrorEchoesAKeyOrAControlByte) {
  const std::string k = key();
  // The masked form keeps 4 characters of the tail: a longer piece of the
  // key's body is a leak.
  const std::string body = k.substr(12, k.size() - 16);
  for (const Case &c : cases()) {
    SCOPED_TRACE(c.name);
    writeText(dir_ / ".keyshift.json", c.config.empty()
                                           ? R"({"proxy": {"base_url": )"
                                             R"("https://gw.example/v1", )"
                                             R"("key_env": "GW_KEY"}})"
                                           : c.config);
    if (!c.rule.empty())
      writeText(dir_ / "bad.json", c.rule);
    Outcome r = run(c.args);
    EXPECT_EQ(r.code, 2) << r.err;
    for (const std::string &text : {r.out, r.err}) {
      EXPECT_EQ(text.find(body.substr(0, 16)), std::string::npos) << text;
      EXPECT_EQ(text.find(body.substr(body.size() - 16)), std::string::npos)
          << text;
      EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
      EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
    }
    EXPECT_NE(r.err.find("keyshift: error: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.must_name), std::string::npos) << r.err;
  }
}

} // namespace
} // namespace keyshift::cli
