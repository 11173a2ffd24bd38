// Caller cancellation (SHIM_SPEC §1.10) below the Client: the token itself,
// a queued limiter waiter, and the policy before, during and between
// attempts. Synchronised with latches and the fake clock, never with time.
#include "fakes.h"
#include "keyshift/shim/cancel.h"
#include "keyshift/shim/limiter.h"
#include "keyshift/shim/policy.h"

#include <gtest/gtest.h>

#include <thread>

namespace keyshift::shim {
namespace {

using testing::FakeClock;
using testing::RecordingSleeper;
using testing::ScriptedRng;

TEST(CancelToken, RunsWakeUpsAndWakesWaiters) {
  CancelToken token;
  int woken = 0;
  {
    OnCancel a(&token, [&] { ++woken; });
    OnCancel b(&token, [&] { ++woken; });
    std::thread t([&] { EXPECT_TRUE(token.waitForMs(600000)); });
    token.cancel();
    t.join();
    token.cancel(); // idempotent: nothing runs twice
  }
  EXPECT_EQ(woken, 2);
  EXPECT_TRUE(token.cancelled());
  OnCancel late(&token, [&] { ++woken; }); // already cancelled: not run
  EXPECT_EQ(woken, 2);
}

TEST(CancelToken, AnUnregisteredWakeUpNeverRuns) {
  CancelToken token;
  int woken = 0;
  {
    OnCancel a(&token, [&] { ++woken; });
  }
  token.cancel();
  EXPECT_EQ(woken, 0);
  EXPECT_FALSE(CancelToken().waitForMs(0));
}

TEST(LimiterCancel, AQueuedWaiterLeavesTheQueue) {
  RealMonoClock clock;
  ConcurrencyLimiter limiter(LimiterConfig{1, 8, 600000}, clock);
  ASSERT_EQ(limiter.acquire().status, LimitStatus::Granted);
  CancelToken token;
  LimitResult got;
  std::thread waiter([&] { got = limiter.acquire(kNoDeadline, &token); });
  while (limiter.queued() == 0)
    std::this_thread::yield();
  token.cancel();
  waiter.join();
  EXPECT_EQ(got.status, LimitStatus::Cancelled);
  EXPECT_EQ(limiter.queued(), 0);
  limiter.release();
  EXPECT_EQ(limiter.inFlight(), 0); // the cancelled waiter took no permit
}

class PolicyCancelTest : public ::testing::Test {
protected:
  FakeClock clock_;
  ScriptedRng rng_{{0.5}};
  RecordingSleeper sleeper_{&clock_};
  MetricsRegistry registry_;
  Policy policy_{PolicyConfig{},
                 Environment{&clock_, &clock_, &rng_, &sleeper_}, registry_};
  KeyState &key_ = policy_.key("api.example.test", 443, "m");
  OperationInfo op_ = operationForPath("/chat/completions");
};

TEST_F(PolicyCancelTest, CancelledBeforeTheCallSendsNothing) {
  CancelToken token;
  token.cancel();
  int attempts = 0;
  CallResult r = policy_.execute(
      key_, op_,
      [&](const AttemptContext &) {
        ++attempts;
        return AttemptResult{};
      },
      &token);
  char buf[12];
  EXPECT_EQ(attempts, 0);
  EXPECT_FALSE(r.success);
  EXPECT_EQ(r.errorType(buf), "cancelled");
  EXPECT_EQ(key_.limiter().inFlight(), 0);
}

TEST_F(PolicyCancelTest, CancelDuringAnAttemptIsNotRetried) {
  CancelToken token;
  CallResult r = policy_.execute(
      key_, op_,
      [&](const AttemptContext &ctx) {
        EXPECT_EQ(ctx.cancel, &token);
        token.cancel(); // what a transport sees mid-flight
        AttemptResult a;
        a.kind = AttemptKind::Cancelled;
        return a;
      },
      &token);
  char buf[12];
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.errorType(buf), "cancelled");
  EXPECT_EQ(r.give_up, GiveUpReason::None);
}

TEST_F(PolicyCancelTest, CancelDuringTheBackoffSleepEndsTheCall) {
  CancelToken token;
  int attempts = 0;
  CallResult r = policy_.execute(
      key_, op_,
      [&](const AttemptContext &) {
        ++attempts;
        token.cancel(); // lands before the sleep that follows this 503
        AttemptResult a;
        a.status = 503;
        return a;
      },
      &token);
  char buf[12];
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(r.errorType(buf), "cancelled");
  EXPECT_EQ(sleeper_.take(), std::vector<int64_t>{250});
}

} // namespace
} // namespace keyshift::shim
