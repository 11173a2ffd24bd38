// Deterministic stand-ins for the shim's injected seams: a manual clock
// whose wall time moves with mono time, an RNG that replays listed draws and
// a sleeper that advances the clock and records every sleep.
#ifndef KEYSHIFT_TESTS_SHIM_CPP_FAKES_H_
#define KEYSHIFT_TESTS_SHIM_CPP_FAKES_H_

#include "keyshift/shim/environment.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

namespace keyshift::shim::testing {

class FakeClock final : public MonoClock, public WallClock {
public:
  explicit FakeClock(int64_t wall_at_mono_zero_ms = 0)
      : wall_offset_(wall_at_mono_zero_ms) {}
  int64_t nowMs() override { return now_.load(); }
  int64_t nowUnixMs() override { return wall_offset_ + now_.load(); }
  void set(int64_t t) { now_.store(t); }
  void advance(int64_t d) { now_.fetch_add(d); }

private:
  std::atomic<int64_t> now_{0};
  int64_t wall_offset_;
};

class ScriptedRng final : public Rng {
public:
  explicit ScriptedRng(std::vector<double> draws = {})
      : draws_(std::move(draws)) {}
  double nextUnit() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (next_ >= draws_.size()) {
      ++overdrawn_;
      return 0.0;
    }
    return draws_[next_++];
  }
  size_t used() const { return next_; }
  size_t overdrawn() const { return overdrawn_; }
  size_t size() const { return draws_.size(); }

private:
  std::mutex mu_;
  std::vector<double> draws_;
  size_t next_ = 0;
  size_t overdrawn_ = 0;
};

class RecordingSleeper final : public Sleeper {
public:
  explicit RecordingSleeper(FakeClock *clock) : clock_(clock) {}
  void sleepMs(int64_t ms) override {
    std::lock_guard<std::mutex> lock(mu_);
    sleeps_.push_back(ms);
    if (clock_)
      clock_->advance(ms);
  }
  std::vector<int64_t> take() {
    std::lock_guard<std::mutex> lock(mu_);
    auto out = std::move(sleeps_);
    sleeps_.clear();
    return out;
  }

private:
  FakeClock *clock_;
  std::mutex mu_;
  std::vector<int64_t> sleeps_;
};

} // namespace keyshift::shim::testing

#endif // KEYSHIFT_TESTS_SHIM_CPP_FAKES_H_
