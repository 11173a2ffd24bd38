// The four injected seams of the shim (SHIM_SPEC §1.0): a monotonic clock,
// a wall clock (only for HTTP-date Retry-After), a random source and a
// sleeper. Tests and the conformance vectors substitute fakes; production
// uses the Real* implementations below.
#ifndef KEYSHIFT_SHIM_ENVIRONMENT_H_
#define KEYSHIFT_SHIM_ENVIRONMENT_H_

#include <atomic>
#include <cstdint>

namespace keyshift::shim {

class CancelToken;

class MonoClock {
public:
  virtual ~MonoClock() = default;
  /// Milliseconds on a clock that never goes backwards.
  virtual int64_t nowMs() = 0;
};

class WallClock {
public:
  virtual ~WallClock() = default;
  virtual int64_t nowUnixMs() = 0;
};

class Rng {
public:
  virtual ~Rng() = default;
  /// A draw in [0, 1).
  virtual double nextUnit() = 0;
};

class Sleeper {
public:
  virtual ~Sleeper() = default;
  virtual void sleepMs(int64_t ms) = 0;
  /// Sleeps unless or until `cancel` is cancelled; true if it was. The
  /// default sleeps the whole time (right for fakes that only advance a
  /// clock); RealSleeper wakes at once.
  virtual bool sleepOrCancel(int64_t ms, const CancelToken &cancel);
};

class RealMonoClock final : public MonoClock {
public:
  int64_t nowMs() override;
};

class RealWallClock final : public WallClock {
public:
  int64_t nowUnixMs() override;
};

/// splitmix64 over one atomic word, so one instance can be shared by all
/// threads without a lock; draws are (next_u64 >> 11) * 2^-53 as the spec
/// asks.
class RealRng final : public Rng {
public:
  RealRng(); ///< seeded from std::random_device
  explicit RealRng(uint64_t seed) : state_(seed) {}
  double nextUnit() override;

private:
  std::atomic<uint64_t> state_;
};

class RealSleeper final : public Sleeper {
public:
  void sleepMs(int64_t ms) override;
  bool sleepOrCancel(int64_t ms, const CancelToken &cancel) override;
};

/// Borrowed pointers to the four seams; all must outlive their users.
struct Environment {
  MonoClock *mono = nullptr;
  WallClock *wall = nullptr;
  Rng *rng = nullptr;
  Sleeper *sleeper = nullptr;

  /// Process-wide real implementations.
  static Environment real();
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_ENVIRONMENT_H_
