// Unit tests for the breaker's lock-free CLOSED path and its listener.
#include "fakes.h"
#include "keyshift/shim/circuit_breaker.h"

#include <gtest/gtest.h>

namespace keyshift::shim {
namespace {

class CountingClock final : public MonoClock {
public:
  int64_t nowMs() override {
    ++reads;
    return now;
  }
  int reads = 0;
  int64_t now = 0;
};

TEST(CircuitBreakerTest, ClosedAdmissionNeverReadsTheClock) {
  CircuitBreaker breaker;
  CountingClock clock;
  for (int i = 0; i < 100; ++i) {
    BreakerPermit p = breaker.tryAcquire(clock);
    ASSERT_TRUE(p.admitted);
    breaker.record(p, BreakerOutcome::Success, clock);
  }
  EXPECT_EQ(clock.reads, 0);
}

TEST(CircuitBreakerTest, OpenRejectionReportsRetryAfter) {
  BreakerConfig config;
  config.consecutive_failures = 1;
  CircuitBreaker breaker(config);
  testing::FakeClock clock;
  clock.set(500);
  breaker.record(breaker.tryAcquire(clock), BreakerOutcome::Failure, clock);
  clock.set(10500);
  BreakerPermit p = breaker.tryAcquire(clock);
  EXPECT_FALSE(p.admitted);
  EXPECT_EQ(p.retry_after_ms, 20000);
}

} // namespace
} // namespace keyshift::shim
