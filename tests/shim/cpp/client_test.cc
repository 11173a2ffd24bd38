// keyshift::shim::Client against an in-process mock server: retries with
// Retry-After and backoff through the injected sleeper, the Authorization
// header taken from the key variable, token metrics and SSE passthrough.
#include "client_fixture.h"

#include <algorithm>

namespace keyshift::shim {
namespace {

using testing::CannedResponse;
using testing::ClientTest;
using testing::MockServer;

const char kOkBody[] =
    R"({"id":"c1","model":"gpt-4o-mini-2024-07-18","usage":)"
    R"({"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}})";

TEST_F(ClientTest, RetriesThrough429And503ThenSucceeds) {
  MockServer server({{429, {"Retry-After: 1"}, R"({"error":{}})"},
                     {503, {}, "busy"},
                     {200, {"Content-Type: application/json"}, kOkBody}});
  pointAt(server.port());
  auto client = Client::create(options());
  ASSERT_TRUE(client.ok()) << client.error().message;
  HttpResponse r = client.value()->post(
      "/chat/completions", R"({"model":"gpt-4o-mini","messages":[]})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kOkBody);
  EXPECT_TRUE(r.call.success);
  EXPECT_EQ(r.call.attempts, 3);
  EXPECT_EQ(sleeper_.take(), (std::vector<int64_t>{1000, 500}));
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 3u);
  for (const auto &s : seen) {
    EXPECT_EQ(s.request_line, "POST /v1/chat/completions HTTP/1.1");
    EXPECT_EQ(s.authorization, "Bearer " + key_);
    EXPECT_EQ(s.body, R"({"model":"gpt-4o-mini","messages":[]})");
  }
  EXPECT_EQ(seriesValue("keyshift_attempts_total", "outcome", "retryable"), 2);
  EXPECT_EQ(seriesValue("keyshift_attempts_total", "outcome", "success"), 1);
  EXPECT_EQ(seriesValue("keyshift_retries_total", "reason", "status_429"), 1);
  EXPECT_EQ(seriesValue("keyshift_retries_total", "reason", "status_5xx"), 1);
  EXPECT_EQ(seriesValue("gen_ai_client_token_usage", "gen_ai_token_type",
                        "input", "sum"),
            12);
  EXPECT_EQ(seriesValue("gen_ai_client_token_usage", "gen_ai_token_type",
                        "output", "sum"),
            5);
  EXPECT_EQ(seriesValue("gen_ai_client_operation_duration_seconds",
                        "gen_ai_response_model", "gpt-4o-mini-2024-07-18",
                        "count"),
            1);
}

TEST_F(ClientTest, StreamsSseChunksThroughAndRecordsUsage) {
  std::string sse = "data: {\"model\":\"gpt-4o-mini\",\"choices\":[{\"delta\":"
                    "{\"content\":\"hi\"}}],\"usage\":null}\n\n"
                    "data: {\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":"
                    "{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\n"
                    "data: [DONE]\n\n";
  MockServer server({{200, {"Content-Type: text/event-stream"}, sse, true}});
  pointAt(server.port());
  auto client = Client::create(options());
  ASSERT_TRUE(client.ok());
  std::string received;
  HttpResponse r = client.value()->postStream(
      "/chat/completions",
      R"({"model":"gpt-4o-mini","stream":true,)"
      R"("stream_options":{"include_usage":true}})",
      [&](std::string_view chunk) { received.append(chunk); });
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(received, sse);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(seriesValue("gen_ai_client_operation_time_to_first_chunk_seconds",
                        "", "", "count"),
            1);
  EXPECT_EQ(seriesValue("gen_ai_client_token_usage", "gen_ai_token_type",
                        "output", "sum"),
            2);
}

TEST_F(ClientTest, StreamErrorStatusIsRetriedNotPassedThrough) {
  MockServer server({{503, {}, "nope"}, {200, {}, "data: [DONE]\n\n", true}});
  pointAt(server.port());
  auto client = Client::create(options());
  ASSERT_TRUE(client.ok());
  std::string received;
  HttpResponse r = client.value()->postStream(
      "/chat/completions", R"({"model":"m"})",
      [&](std::string_view chunk) { received.append(chunk); });
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(received, "data: [DONE]\n\n");
  EXPECT_EQ(r.call.attempts, 2);
}

TEST_F(ClientTest, ConnectionRefusedIsConnectionError) {
  int port;
  {
    MockServer probe({}); // bind an ephemeral port, then free it
    port = probe.port();
  }
  pointAt(port);
  ClientOptions o = options();
  o.policy.retry.max_retries = 0;
  auto client = Client::create(o);
  ASSERT_TRUE(client.ok());
  HttpResponse r = client.value()->post("/embeddings", R"({"model":"e"})");
  char buf[12];
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.call.errorType(buf), "connection_error");
  EXPECT_EQ(r.call.give_up, GiveUpReason::MaxRetries);
}

TEST_F(ClientTest, SendsTheProxysRequiredHeadersFromTheirVariables) {
  MockServer server({{200, {"Content-Type: application/json"}, kOkBody}});
  pointAt(server.port());
  ::setenv("KEYSHIFT_SHIM_TEST_PROVIDER", "openai", 1);
  ClientOptions o = options();
  o.headers = {{"x-portkey-provider", "KEYSHIFT_SHIM_TEST_PROVIDER", ""},
               {"X-Title", "", "support-bot"}};
  auto client = Client::create(o);
  ::unsetenv("KEYSHIFT_SHIM_TEST_PROVIDER");
  ASSERT_TRUE(client.ok()) << client.error().message;
  HttpResponse r =
      client.value()->post("/chat/completions", R"({"model":"m"})");
  EXPECT_EQ(r.status, 200);
  auto seen = server.seen();
  ASSERT_EQ(seen.size(), 1u);
  const auto &h = seen[0].headers;
  EXPECT_NE(std::find(h.begin(), h.end(), "x-portkey-provider: openai"),
            h.end());
  EXPECT_NE(std::find(h.begin(), h.end(), "x-title: support-bot"), h.end());
  EXPECT_EQ(seen[0].authorization, "Bearer " + key_);
}

TEST_F(ClientTest, AMissingOrMalformedRequiredHeaderIsAnError) {
  ::unsetenv("KEYSHIFT_SHIM_TEST_PROVIDER");
  pointAt(1); // never reached: create() fails first
  ClientOptions o = options();
  o.headers = {{"x-portkey-provider", "KEYSHIFT_SHIM_TEST_PROVIDER", ""}};
  auto missing = Client::create(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message,
            "client: header x-portkey-provider: KEYSHIFT_SHIM_TEST_PROVIDER "
            "is not set");
  o.headers = {{"X-Title", "", "a\r\nX-Injected: 1"}};
  auto injected = Client::create(o);
  ASSERT_FALSE(injected.ok());
  EXPECT_EQ(injected.error().message,
            "client: header X-Title: the value holds a line break");
  o.headers = {{"Bad Name", "", "x"}};
  EXPECT_FALSE(Client::create(o).ok());
}

TEST_F(ClientTest, MissingBaseUrlIsAnError) {
  ::unsetenv("KEYSHIFT_SHIM_TEST_BASE_URL");
  auto client = Client::create(options());
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().message,
            "client: KEYSHIFT_SHIM_TEST_BASE_URL is not set");
}

} // namespace
} // namespace keyshift::shim
