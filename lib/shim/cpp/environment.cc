#include "keyshift/shim/environment.h"

#include "keyshift/shim/cancel.h"

#include <chrono>
#include <random>
#include <thread>

namespace keyshift::shim {

int64_t RealMonoClock::nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int64_t RealWallClock::nowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

RealRng::RealRng() {
  std::random_device rd;
  state_.store((static_cast<uint64_t>(rd()) << 32) ^ rd(),
               std::memory_order_relaxed);
}

double RealRng::nextUnit() {
  constexpr uint64_t kGamma = 0x9e3779b97f4a7c15ULL;
  uint64_t z = state_.fetch_add(kGamma, std::memory_order_relaxed) + kGamma;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

void RealSleeper::sleepMs(int64_t ms) {
  if (ms > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

bool Sleeper::sleepOrCancel(int64_t ms, const CancelToken &cancel) {
  sleepMs(ms);
  return cancel.cancelled();
}

bool RealSleeper::sleepOrCancel(int64_t ms, const CancelToken &cancel) {
  return cancel.waitForMs(ms);
}

Environment Environment::real() {
  static RealMonoClock mono;
  static RealWallClock wall;
  static RealRng rng;
  static RealSleeper sleeper;
  return Environment{&mono, &wall, &rng, &sleeper};
}

} // namespace keyshift::shim
