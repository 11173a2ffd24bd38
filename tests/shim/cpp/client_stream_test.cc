// keyshift::shim::Client streams (SHIM_SPEC §1.9), timeouts and cancellation
// (§1.10) against the in-process mock server. Ordering comes from the
// server's request latch and the stream's own callbacks; no test asserts
// how long anything took.
#include "client_fixture.h"

#include <thread>

namespace keyshift::shim {
namespace {

using testing::CannedResponse;
using testing::ClientTest;
using testing::MockServer;
using Then = CannedResponse::Then;

const char kChunk[] = "data: {\"model\":\"gpt-4o-mini-x\",\"choices\":[{"
                      "\"delta\":{\"content\":\"hi\"}}]}\n\n";

CannedResponse streamOf(std::string body, Then then) {
  CannedResponse r{
      200, {"Content-Type: text/event-stream"}, std::move(body), true};
  r.then = then;
  return r;
}

class ClientStreamTest : public ClientTest {
protected:
  /// A client of `server`, with `tweak` applied to the options.
  std::unique_ptr<Client>
  connect(const MockServer &server,
          const std::function<void(ClientOptions &)> &tweak = {}) {
    pointAt(server.port());
    ClientOptions o = options();
    if (tweak)
      tweak(o);
    auto c = Client::create(o);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() ? std::move(c).value() : nullptr;
  }
  HttpResponse stream(Client &c, const CallOptions &o = {},
                      const Client::ChunkCallback &cb = {}) {
    return c.postStream(
        "/chat/completions", R"({"model":"gpt-4o-mini","stream":true})",
        [&](std::string_view chunk) {
          received_.append(chunk);
          if (cb)
            cb(chunk);
        },
        o);
  }
  std::string errorType(const HttpResponse &r) {
    char buf[12];
    return std::string(r.call.errorType(buf));
  }
  std::string received_;
};

TEST_F(ClientStreamTest, AStreamCutMidwayFailsAndIsNotRetried) {
  MockServer server(
      {streamOf(std::string(kChunk) + kChunk, Then::Cut), {200, {}, "unused"}});
  auto client = connect(server);
  ASSERT_TRUE(client);
  HttpResponse r = stream(*client);
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(r.call.success);
  EXPECT_EQ(errorType(r), "connection_error");
  EXPECT_EQ(r.call.stream_end, StreamEnd::ConnectionError);
  EXPECT_EQ(r.call.attempts, 1);
  EXPECT_EQ(r.events, 2);
  EXPECT_EQ(received_, std::string(kChunk) + kChunk);
  EXPECT_EQ(server.seen().size(), 1u);
  EXPECT_EQ(seriesValue("keyshift_attempts_total", "outcome", "retryable"), 1);
  EXPECT_EQ(seriesValue("keyshift_retries_total", "reason", "connection"), 0);
  EXPECT_EQ(seriesValue("keyshift_inflight_requests", "", ""), 0);
  EXPECT_EQ(seriesValue("gen_ai_client_operation_duration_seconds",
                        "error_type", "connection_error", "count"),
            1);
}

TEST_F(ClientStreamTest, AnErrorEventEndsTheStream) {
  MockServer server(
      {streamOf(std::string(kChunk) +
                    "data: {\"error\":{\"message\":\"x\"}}\n\n" + kChunk,
                Then::Close)});
  auto client = connect(server);
  ASSERT_TRUE(client);
  HttpResponse r = stream(*client);
  EXPECT_EQ(r.call.stream_end, StreamEnd::ErrorEvent);
  EXPECT_EQ(errorType(r), "_OTHER");
  EXPECT_EQ(r.events, 1);
  EXPECT_EQ(r.call.attempts, 1);
}

TEST_F(ClientStreamTest, TheAttemptTimeoutIsTheStreamsIdleTimeout) {
  MockServer server({streamOf(kChunk, Then::Stall)});
  auto client = connect(server, [](ClientOptions &o) {
    o.policy.retry.attempt_timeout_ms = 100;
  });
  ASSERT_TRUE(client);
  HttpResponse r = stream(*client);
  EXPECT_EQ(r.call.stream_end, StreamEnd::Timeout);
  EXPECT_EQ(errorType(r), "timeout");
  EXPECT_EQ(r.events, 1);
  EXPECT_EQ(r.call.attempts, 1);
  EXPECT_EQ(seriesValue("keyshift_inflight_requests", "", ""), 0);
}

TEST_F(ClientStreamTest, TheDeadlineEndsAnOpenStream) {
  MockServer server({streamOf(kChunk, Then::Stall)});
  auto client = connect(
      server, [](ClientOptions &o) { o.policy.retry.total_timeout_ms = 150; });
  ASSERT_TRUE(client);
  HttpResponse r = stream(*client);
  EXPECT_EQ(r.call.stream_end, StreamEnd::Timeout);
  EXPECT_EQ(errorType(r), "timeout");
}

TEST_F(ClientStreamTest, NoHeadersWithinTheAttemptTimeoutIsRetried) {
  CannedResponse hang{200, {}, ""};
  hang.then = Then::Hang;
  MockServer server({hang, streamOf(kChunk, Then::Close)});
  auto client = connect(server, [](ClientOptions &o) {
    o.policy.retry.attempt_timeout_ms = 100;
  });
  ASSERT_TRUE(client);
  HttpResponse r = stream(*client);
  EXPECT_TRUE(r.call.success);
  EXPECT_EQ(r.call.attempts, 2);
  EXPECT_EQ(seriesValue("keyshift_retries_total", "reason", "timeout"), 1);
  EXPECT_EQ(r.call.stream_end, StreamEnd::Complete);
}

TEST_F(ClientStreamTest, ACancelAbortsARequestInFlight) {
  CannedResponse hang{200, {}, ""};
  hang.then = Then::Hang;
  MockServer server({hang});
  auto client = connect(server);
  ASSERT_TRUE(client);
  CancelToken token;
  HttpResponse r;
  std::thread call([&] {
    r = client->post("/chat/completions", R"({"model":"m"})",
                     CallOptions{&token});
  });
  server.waitForRequests(1); // the attempt is on the wire
  token.cancel();
  call.join();
  EXPECT_EQ(errorType(r), "cancelled");
  EXPECT_EQ(r.call.attempts, 1);
  EXPECT_EQ(r.call.give_up, GiveUpReason::None);
  EXPECT_EQ(seriesValue("keyshift_attempts_total", "outcome", "ignored"), 1);
  EXPECT_EQ(seriesValue("keyshift_inflight_requests", "", ""), 0);
}

TEST_F(ClientStreamTest, CancellingFromTheCallbackClosesTheStream) {
  MockServer server({streamOf(kChunk, Then::Stall)});
  auto client = connect(server);
  ASSERT_TRUE(client);
  CancelToken token;
  HttpResponse r = stream(*client, CallOptions{&token},
                          [&](std::string_view) { token.cancel(); });
  EXPECT_EQ(r.call.stream_end, StreamEnd::Closed);
  EXPECT_EQ(errorType(r), "cancelled");
  EXPECT_EQ(r.events, 1);
  EXPECT_EQ(seriesValue("keyshift_attempts_total", "outcome", "ignored"), 1);
  EXPECT_EQ(seriesValue("keyshift_inflight_requests", "", ""), 0);
  EXPECT_EQ(seriesValue("gen_ai_client_operation_time_to_first_chunk_seconds",
                        "gen_ai_response_model", "gpt-4o-mini-x", "count"),
            1);
}

TEST_F(ClientStreamTest, KeyshiftShimPolicyOverridesThePolicy) {
  MockServer server({{503, {}, "busy"}});
  ::setenv("KEYSHIFT_SHIM_TEST_POLICY", R"({"max_retries": 0})", 1);
  auto client = connect(server, [](ClientOptions &o) {
    o.policy_env = "KEYSHIFT_SHIM_TEST_POLICY";
  });
  ASSERT_TRUE(client);
  HttpResponse r = client->post("/embeddings", R"({"model":"e"})");
  EXPECT_EQ(r.call.attempts, 1);
  EXPECT_EQ(r.call.give_up, GiveUpReason::MaxRetries);
  ::setenv("KEYSHIFT_SHIM_TEST_POLICY", R"({"max_retries": "x"})", 1);
  ClientOptions o = options();
  o.policy_env = "KEYSHIFT_SHIM_TEST_POLICY";
  auto bad = Client::create(o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "client: KEYSHIFT_SHIM_TEST_POLICY: "
                                 "max_retries: wrong type or value \"x\"");
  ::unsetenv("KEYSHIFT_SHIM_TEST_POLICY");
}

TEST_F(ClientStreamTest, ExplicitBaseUrlAndKeyNeedNoVariables) {
  MockServer server({{200, {}, R"({"model":"m"})"}});
  ::unsetenv("KEYSHIFT_SHIM_TEST_BASE_URL");
  ::unsetenv("KEYSHIFT_SHIM_TEST_KEY");
  ClientOptions o = options();
  o.base_url = "http://127.0.0.1:" + std::to_string(server.port()) + "/v1";
  o.api_key = key_;
  auto client = Client::create(o);
  ASSERT_TRUE(client.ok()) << client.error().message;
  HttpResponse r = client.value()->post("/embeddings", R"({"model":"e"})");
  EXPECT_TRUE(r.call.success);
  EXPECT_EQ(server.seen().at(0).authorization, "Bearer " + key_);
}

} // namespace
} // namespace keyshift::shim
