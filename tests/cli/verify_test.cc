// keyshift verify end to end through runMain, against a scripted proxy on
// 127.0.0.1 (the shim tests' MockServer): every model the code uses served,
// one missing, a key the proxy rejects, a wrong base URL, no answer in
// time, --chat. Never a real service; the key is sent and never shown.
#include "cli/run_main.h"
#include "cli_fixture.h"
#include "shim/cpp/mock_server.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <sstream>

namespace keyshift::cli {
namespace {

using keyshift::testing::writeText;
using shim::testing::CannedResponse;
using shim::testing::MockServer;
using testing::Outcome;

constexpr const char *kKeyEnv = "KEYSHIFT_VERIFY_TEST_KEY";

CannedResponse modelList(const std::vector<std::string> &ids) {
  std::string body = "{\"object\":\"list\",\"data\":[";
  for (std::size_t i = 0; i < ids.size(); ++i)
    body += (i ? "," : "") + std::string("{\"id\":\"") + ids[i] +
            "\",\"object\":\"model\"}";
  return {200, {"Content-Type: application/json"}, body + "]}"};
}

class VerifyTest : public testing::CliFixture {
protected:
  void SetUp() override {
    CliFixture::SetUp();
    std::random_device rd;
    key_ = "proxy-test-key-" + std::to_string(rd()) + std::to_string(rd());
    ::setenv(kKeyEnv, key_.c_str(), 1);
    // A migrated application: two calls with literal names, one from a
    // variable (not checkable), one non-OpenAI call.
    writeText(dir_ / "app.py",
              "import os\n"
              "from openai import OpenAI\n\n"
              "client = OpenAI(base_url=os.environ[\"GW_URL\"], "
              "api_key=os.environ[\"" +
                  std::string(kKeyEnv) +
                  "\"])\n"
                  "reply = client.chat.completions.create(\n"
                  "    model=\"openai/gpt-4o-mini\", messages=[])\n"
                  "vectors = client.embeddings.create(input=[\"a\"], "
                  "model='openai/text-embedding-3-small')\n"
                  "other = client.chat.completions.create(model=MODEL, "
                  "messages=[])\n");
  }
  void TearDown() override {
    ::unsetenv(kKeyEnv);
    CliFixture::TearDown();
  }
  void pointAt(const MockServer &server) {
    writeText(dir_ / ".keyshift.json",
              "{\"proxy\": {\"base_url\": \"http://127.0.0.1:" +
                  std::to_string(server.port()) + "/v1\", \"key_env\": \"" +
                  kKeyEnv + "\"}}");
  }
  void expectKeyHidden(const Outcome &r) {
    EXPECT_EQ(r.out.find(key_), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find(key_), std::string::npos) << r.err;
  }
  std::string key_;
};

TEST_F(VerifyTest, EveryModelServedIsExitZeroWithTheTable) {
  MockServer server({modelList(
      {"openai/gpt-4o-mini", "openai/text-embedding-3-small", "other/x"})});
  pointAt(server);
  Outcome r = run({"verify", "."});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("serves 3 models; the code uses 2:"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("openai/gpt-4o-mini             yes     app.py:6"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("openai/text-embedding-3-small  yes     app.py:7"),
            std::string::npos)
      << r.out;
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].request_line.rfind("GET /v1/models ", 0), 0u)
      << seen[0].request_line;
  EXPECT_EQ(seen[0].authorization, "Bearer " + key_);
  expectKeyHidden(r);
}

TEST_F(VerifyTest, AModelTheProxyDoesNotServeIsExitOne) {
  MockServer server({modelList({"openai/gpt-4o-mini"})});
  pointAt(server);
  Outcome r = run({"verify", "."});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("openai/text-embedding-3-small  NO      app.py:7"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("1 model name is not served by the proxy"),
            std::string::npos)
      << r.err;
}

TEST_F(VerifyTest, ARejectedKeyNamesTheVariable) {
  MockServer server({{401, {}, "{\"error\":{\"message\":\"bad key\"}}"}});
  pointAt(server);
  Outcome r = run({"verify", "."});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(std::string("the proxy did not accept the key in ") +
                       kKeyEnv + " (HTTP 401 from http://127.0.0.1:"),
            std::string::npos)
      << r.err;
  expectKeyHidden(r);
}

TEST_F(VerifyTest, A404OnModelsSaysTheBaseUrlIsWrong) {
  MockServer server({{404, {}, "not here"}});
  pointAt(server);
  Outcome r = run({"verify", "."});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("/v1/models: HTTP 404: the base URL is probably wrong"),
            std::string::npos)
      << r.err;
}

TEST_F(VerifyTest, NoAnswerInTimeIsAClearFailure) {
  CannedResponse hang{200, {}, ""};
  hang.then = CannedResponse::Then::Hang;
  MockServer server({hang});
  pointAt(server);
  Outcome r = run({"verify", "--timeout", "200", "."});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("/v1/models within 200 ms"), std::string::npos) << r.err;
}

TEST_F(VerifyTest, ChatSendsOneMinimalCompletionPerServedModel) {
  MockServer server(
      {modelList({"openai/gpt-4o-mini", "openai/text-embedding-3-small"}),
       {200, {}, "{\"choices\":[]}"},
       {400, {}, "{\"error\":\"not a chat model\"}"}});
  pointAt(server);
  Outcome r = run({"verify", "--chat", "."});
  EXPECT_EQ(r.code, 1) << "the embedding model is no chat model";
  EXPECT_NE(r.out.find("  chat: ok"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("/v1/chat/completions: HTTP 400"), std::string::npos)
      << r.out;
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[1].request_line.rfind("POST /v1/chat/completions ", 0), 0u);
  EXPECT_NE(seen[1].body.find("\"max_tokens\":1"), std::string::npos);
  EXPECT_NE(seen[1].body.find("\"model\":\"openai/gpt-4o-mini\""),
            std::string::npos);
}

// The README demo end to end (issue 17's "done when"): migrated with its
// own .keyshift.json (preset openrouter), every model name it sends is an
// OpenRouter name, and verify against an OpenRouter-like mock finds each
// one served. Before the migration the same mock does not serve them.
class DemoVerifyTest : public VerifyTest {
protected:
  void SetUp() override {
    VerifyTest::SetUp();
    demo_ = dir_ / "demo";
    std::filesystem::copy(std::filesystem::path(KEYSHIFT_SOURCE_DIR) /
                              "testdata" / "demo",
                          demo_, std::filesystem::copy_options::recursive);
    ::setenv("OPENROUTER_API_KEY", key_.c_str(), 1);
  }
  void TearDown() override {
    ::unsetenv("OPENROUTER_API_KEY");
    VerifyTest::TearDown();
  }
  Outcome inDemo(std::vector<std::string> args) {
    std::ostringstream out, err;
    int code = runMain(args, out, err, demo_.string());
    return {code, out.str(), err.str()};
  }
  std::filesystem::path demo_;
};

TEST_F(DemoVerifyTest, TheMigratedDemoSendsOnlyNamesAnOpenRouterMockServes) {
  MockServer before(
      {modelList({"openai/gpt-4o-mini", "openai/text-embedding-3-small",
                  "anthropic/claude-3.5-sonnet"})});
  std::string url_before =
      "http://127.0.0.1:" + std::to_string(before.port()) + "/v1";
  Outcome r = inDemo({"verify", "--base-url", url_before, "."});
  EXPECT_EQ(r.code, 1) << "OpenAI's names are not OpenRouter's\n" << r.out;
  EXPECT_NE(r.out.find("gpt-4o-mini "), std::string::npos) << r.out;

  Outcome migrated = inDemo({"migrate", "--apply", "."});
  ASSERT_EQ(migrated.code, 0) << migrated.err;
  using keyshift::testing::readText;
  EXPECT_NE(
      readText(demo_ / "support_bot" / "settings.py")
          .find("os.getenv(\"SUPPORT_BOT_MODEL\", \"openai/gpt-4o-mini\")"),
      std::string::npos);
  EXPECT_NE(readText(demo_ / ".env.example")
                .find("SUPPORT_BOT_MODEL=openai/gpt-4o-mini\n"),
            std::string::npos);
  EXPECT_NE(readText(demo_ / "docker-compose.yml")
                .find("${SUPPORT_BOT_MODEL:-openai/gpt-4o-mini}"),
            std::string::npos);
  EXPECT_NE(readText(demo_ / "support_bot" / "search.py")
                .find("model=\"openai/text-embedding-3-small\""),
            std::string::npos);
  EXPECT_NE(readText(demo_ / "notebooks" / "try_tickets.ipynb")
                .find("model=\\\"openai/gpt-4o-mini\\\""),
            std::string::npos);

  MockServer after(
      {modelList({"openai/gpt-4o-mini", "openai/text-embedding-3-small",
                  "anthropic/claude-3.5-sonnet"})});
  r = inDemo({"verify", "--base-url",
              "http://127.0.0.1:" + std::to_string(after.port()) + "/v1", "."});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("the code uses 2:"), std::string::npos) << r.out;
  for (const char *row :
       {"openai/gpt-4o-mini             yes     "
        "notebooks/try_tickets.ipynb:40, support_bot/settings.py:5",
        "openai/text-embedding-3-small  yes     support_bot/search.py:7"})
    EXPECT_NE(r.out.find(row), std::string::npos) << row << "\n" << r.out;
  auto seen = after.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].authorization, "Bearer " + key_);
  expectKeyHidden(r);
}

TEST_F(VerifyTest, AnUnsetKeyIsAUsageError) {
  MockServer server({});
  pointAt(server);
  ::unsetenv(kKeyEnv);
  Outcome r = run({"verify", "."});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(std::string(kKeyEnv) + " is not set"), std::string::npos)
      << r.err;
}

TEST_F(VerifyTest, BadTimeoutIsAUsageError) {
  MockServer server({});
  pointAt(server);
  EXPECT_EQ(run({"verify", "--timeout", "soon", "."}).code, 2);
}

} // namespace
} // namespace keyshift::cli
