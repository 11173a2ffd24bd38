// Policy behaviour not covered by the vectors: the no-allocation claim's
// prerequisite (stable key state) and the global concurrency cap.
#include "fakes.h"
#include "keyshift/shim/policy.h"

#include <gtest/gtest.h>

namespace keyshift::shim {
namespace {

TEST(PolicyTest, KeyStateIsStablePerKey) {
  testing::FakeClock clock;
  testing::ScriptedRng rng;
  testing::RecordingSleeper sleeper(&clock);
  MetricsRegistry registry;
  Policy policy({}, Environment{&clock, &clock, &rng, &sleeper}, registry);
  KeyState &a = policy.key("h", 443, "m");
  EXPECT_EQ(&a, &policy.key("h", 443, "m"));
  EXPECT_NE(&a, &policy.key("h", 444, "m"));
  EXPECT_EQ(a.serverPort(), "443");
}

TEST(PolicyTest, GlobalCapRejectsWhenItsQueueIsFull) {
  testing::FakeClock clock;
  testing::ScriptedRng rng;
  testing::RecordingSleeper sleeper(&clock);
  MetricsRegistry registry;
  PolicyConfig config;
  config.global_max_in_flight = 1;
  config.limiter.max_queue = 0;
  Policy policy(config, Environment{&clock, &clock, &rng, &sleeper}, registry);
  KeyState &a = policy.key("h", 443, "a");
  KeyState &b = policy.key("h", 443, "b");
  CallResult inner;
  CallResult outer =
      policy.execute(a, {"chat", ""}, [&](const AttemptContext &) {
        inner = policy.execute(b, {"chat", ""}, [](const AttemptContext &) {
          return AttemptResult{};
        });
        AttemptResult r;
        r.status = 200;
        return r;
      });
  EXPECT_TRUE(outer.success);
  EXPECT_FALSE(inner.success);
  EXPECT_EQ(inner.error_kind, ErrorKind::ConcurrencyLimit);
}

} // namespace
} // namespace keyshift::shim
