// The SSE scanner the Client feeds stream bodies to, and the
// KEYSHIFT_SHIM_POLICY reader.
#include "keyshift/shim/policy_json.h"
#include "keyshift/shim/sse.h"

#include <gtest/gtest.h>

namespace keyshift::shim {
namespace {

TEST(SseScanner, CountsEventsAcrossArbitrarySplits) {
  const std::string body =
      ": keep-alive\r\n"
      "data: {\"model\":\"m-1\",\"choices\":[]}\r\n\r\n"
      "data: {\"model\":\"m-2\",\r\ndata: \"x\":1}\n\n"
      "data: {\"model\":\"m-3\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,"
      "\"completion_tokens\":3}}\n\n"
      "data: [DONE]\n\n"
      "data: {\"model\":\"after-done\"}\n\n";
  for (size_t step : {1u, 2u, 7u, 64u, 4096u}) {
    SseScanner sse;
    int events = 0;
    for (size_t i = 0; i < body.size(); i += step)
      events += sse.feed(std::string_view(body).substr(i, step));
    SCOPED_TRACE(step);
    EXPECT_EQ(events, 3); // a multi-line data field is one event
    EXPECT_EQ(sse.events(), 3);
    EXPECT_TRUE(sse.done());
    EXPECT_FALSE(sse.errorEvent());
    EXPECT_EQ(sse.firstModel(), "m-1");
    // The usage chunk's model: events without usage are counted, not parsed.
    EXPECT_EQ(sse.metrics().model, "m-3");
    EXPECT_EQ(sse.metrics().input_tokens, 7);
    EXPECT_EQ(sse.metrics().output_tokens, 3);
  }
}

TEST(SseScanner, ErrorEventsAreNotEvents) {
  SseScanner a;
  a.feed("data: {\"error\":{\"message\":\"overloaded\"}}\n\n");
  EXPECT_TRUE(a.errorEvent());
  EXPECT_EQ(a.events(), 0);
  SseScanner b;
  b.feed("event: error\ndata: {\"message\":\"x\"}\n\n");
  EXPECT_TRUE(b.errorEvent());
}

TEST(SseScanner, ResponsesEventsNestModelAndUsage) {
  SseScanner sse;
  sse.feed("event: response.completed\ndata: {\"type\":\"response.completed\","
           "\"response\":{\"model\":\"gpt-4.1\",\"usage\":{\"input_tokens\":"
           "11,\"output_tokens\":4}}}\n\n");
  EXPECT_EQ(sse.firstModel(), "gpt-4.1");
  EXPECT_EQ(sse.metrics().input_tokens, 11);
  EXPECT_EQ(sse.metrics().output_tokens, 4);
}

TEST(PolicyJson, OverridesOnlyTheNamedMembers) {
  PolicyConfig base;
  base.retry.cap_ms = 1234;
  auto c = applyPolicyJson(base,
                           R"({"max_retries": 5, "backoff_mode": "openai",
                               "total_timeout_ms": 3000,
                               "attempt_timeout_ms": 250,
                               "breaker_consecutive_failures": 3,
                               "limiter_max_in_flight": 4})",
                           "KEYSHIFT_SHIM_POLICY");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c.value().retry.max_retries, 5);
  EXPECT_EQ(c.value().retry.backoff_mode, BackoffMode::OpenAi);
  EXPECT_EQ(c.value().retry.total_timeout_ms, 3000);
  EXPECT_EQ(c.value().retry.attempt_timeout_ms, 250);
  EXPECT_EQ(c.value().retry.cap_ms, 1234);
  EXPECT_EQ(c.value().breaker.consecutive_failures, 3);
  EXPECT_EQ(c.value().limiter.max_in_flight, 4);
}

TEST(PolicyJson, BadInputIsAnErrorNamingTheSource) {
  auto unknown = applyPolicyJson({}, R"({"max_retry": 1})", "P");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "P: unknown member 'max_retry'");
  auto type = applyPolicyJson({}, R"({"max_retries": "3"})", "P");
  ASSERT_FALSE(type.ok());
  EXPECT_EQ(type.error().message, "P: max_retries: wrong type or value \"3\"");
  EXPECT_FALSE(applyPolicyJson({}, "[1]", "P").ok());
  EXPECT_FALSE(applyPolicyJson({}, "{", "P").ok());
}

} // namespace
} // namespace keyshift::shim
