// Concurrency stress: 16 threads, bounded iterations, a scripted upstream.
// Asserts invariants rather than timings: never more than max_in_flight
// attempts at once, at most one HALF_OPEN probe at a time, and counters
// that add up. Run it under -DKEYSHIFT_SANITIZE=thread too (see README.md).
#include "keyshift/shim/circuit_breaker.h"
#include "keyshift/shim/policy.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>
#include <vector>

namespace keyshift::shim {
namespace {

constexpr int kThreads = 16;

class NoSleep final : public Sleeper {
public:
  void sleepMs(int64_t) override {}
};

void raiseMax(std::atomic<int> &max, int v) {
  int cur = max.load();
  while (v > cur && !max.compare_exchange_weak(cur, v)) {
  }
}

TEST(ShimStress, LimiterCapsInFlightAndCountersAddUp) {
  constexpr int kCallsPerThread = 150;
  PolicyConfig config;
  config.limiter.max_in_flight = 4;
  config.breaker.consecutive_failures = 1000000;
  config.breaker.failure_rate_pct = 101; // never trips by rate
  RealMonoClock mono;
  RealWallClock wall;
  RealRng rng(42);
  NoSleep sleeper;
  MetricsRegistry registry;
  Policy policy(config, Environment{&mono, &wall, &rng, &sleeper}, registry);
  KeyState &key = policy.key("stress.test", 443, "m");
  std::atomic<int> in_flight{0}, max_in_flight{0}, invocations{0};
  std::atomic<int> successes{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCallsPerThread; ++i) {
        CallResult r =
            policy.execute(key, operationForPath("/chat/completions"),
                           [&](const AttemptContext &) {
                             int now = in_flight.fetch_add(1) + 1;
                             raiseMax(max_in_flight, now);
                             int n = invocations.fetch_add(1);
                             std::this_thread::yield();
                             in_flight.fetch_sub(1);
                             AttemptResult a;
                             a.status = n % 5 == 0 ? 503 : 200;
                             return a;
                           });
        (r.success ? successes : failures).fetch_add(1);
      }
    });
  }
  for (auto &th : threads)
    th.join();
  EXPECT_LE(max_in_flight.load(), 4);
  EXPECT_GE(max_in_flight.load(), 1);
  EXPECT_EQ(successes + failures, kThreads * kCallsPerThread);
  EXPECT_EQ(key.limiter().inFlight(), 0);
  EXPECT_EQ(key.limiter().queued(), 0);
  auto snap = nlohmann::json::parse(registry.jsonSnapshot());
  uint64_t attempts = 0, durations = 0;
  double inflight_gauge = -1;
  for (const auto &fam : snap.at("metrics")) {
    for (const auto &s : fam.at("series")) {
      if (fam.at("name") == "keyshift_attempts_total")
        attempts += s.at("value").get<uint64_t>();
      if (fam.at("name") == "gen_ai_client_operation_duration_seconds")
        durations += s.at("count").get<uint64_t>();
      if (fam.at("name") == "keyshift_inflight_requests")
        inflight_gauge = s.at("value").get<double>();
    }
  }
  EXPECT_EQ(attempts, static_cast<uint64_t>(invocations.load()));
  EXPECT_EQ(durations, static_cast<uint64_t>(kThreads * kCallsPerThread));
  EXPECT_EQ(inflight_gauge, 0.0);
}

// A clock the test moves by hand, shared by all threads.
class SharedClock final : public MonoClock {
public:
  int64_t nowMs() override { return now.load(); }
  std::atomic<int64_t> now{0};
};

TEST(ShimStress, AtMostOneProbeInHalfOpen) {
  constexpr int kRounds = 400;
  BreakerConfig config;
  config.consecutive_failures = 1;
  config.open_base_ms = 1;
  config.open_max_ms = 1;
  config.probe_timeout_ms = 1000000; // probes never expire in this test
  CircuitBreaker breaker(config);
  SharedClock clock;
  std::atomic<int> probes{0}, max_probes{0}, probe_grants{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        clock.now.fetch_add(1);
        BreakerPermit p = breaker.tryAcquire(clock);
        if (!p.admitted)
          continue;
        if (p.probe) {
          probe_grants.fetch_add(1);
          raiseMax(max_probes, probes.fetch_add(1) + 1);
          std::this_thread::yield();
          probes.fetch_sub(1);
        }
        // Mostly failures keep the breaker cycling through all states.
        breaker.record(p,
                       (i + t) % 3 == 0 ? BreakerOutcome::Success
                                        : BreakerOutcome::Failure,
                       clock);
      }
    });
  }
  for (auto &th : threads)
    th.join();
  EXPECT_EQ(max_probes.load(), 1);
  EXPECT_GT(probe_grants.load(), 0);
}

} // namespace
} // namespace keyshift::shim
