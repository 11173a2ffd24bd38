// Unit tests for the blocking ConcurrencyLimiter built on LimiterCore.
#include "keyshift/shim/limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace keyshift::shim {
namespace {

TEST(ConcurrencyLimiterTest, FullQueueIsRejectedAtOnce) {
  RealMonoClock clock;
  ConcurrencyLimiter limiter({/*max_in_flight=*/1, /*max_queue=*/0,
                              /*max_wait_ms=*/60000},
                             clock);
  EXPECT_EQ(limiter.acquire().status, LimitStatus::Granted);
  EXPECT_EQ(limiter.acquire().status, LimitStatus::QueueFull);
  limiter.release();
  EXPECT_EQ(limiter.inFlight(), 0);
}

TEST(ConcurrencyLimiterTest, ReleaseHandsThePermitToTheWaiter) {
  RealMonoClock clock;
  ConcurrencyLimiter limiter({1, 8, 60000}, clock);
  ASSERT_EQ(limiter.acquire().status, LimitStatus::Granted);
  std::atomic<bool> got{false};
  std::thread waiter(
      [&] { got = limiter.acquire().status == LimitStatus::Granted; });
  while (limiter.queued() == 0)
    std::this_thread::yield();
  limiter.release();
  waiter.join();
  EXPECT_TRUE(got);
  EXPECT_EQ(limiter.inFlight(), 1);
  limiter.release();
  EXPECT_EQ(limiter.inFlight(), 0);
}

TEST(ConcurrencyLimiterTest, WaiterTimesOutAtItsDeadline) {
  RealMonoClock clock;
  ConcurrencyLimiter limiter({1, 8, 60000}, clock);
  ASSERT_EQ(limiter.acquire().status, LimitStatus::Granted);
  LimitResult r = limiter.acquire(clock.nowMs() + 20);
  EXPECT_EQ(r.status, LimitStatus::Timeout);
  EXPECT_EQ(limiter.queued(), 0);
}

} // namespace
} // namespace keyshift::shim
