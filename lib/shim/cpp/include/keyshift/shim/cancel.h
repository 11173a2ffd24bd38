// Caller cancellation for the C++ shim (SHIM_SPEC §1.10): one CancelToken per
// call (or per group of calls), cancelled from any thread. Blocking steps of
// the pipeline (limiter queue, backoff sleep, a transfer in flight) register
// a wake-up while they wait, so a cancel takes effect at once rather than at
// the next poll.
#ifndef KEYSHIFT_SHIM_CANCEL_H_
#define KEYSHIFT_SHIM_CANCEL_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <utility>

namespace keyshift::shim {

class CancelToken {
public:
  CancelToken() = default;
  CancelToken(const CancelToken &) = delete;
  CancelToken &operator=(const CancelToken &) = delete;

  /// Idempotent; runs every registered wake-up (on this thread).
  void cancel();
  bool cancelled() const noexcept {
    return flag_.load(std::memory_order_acquire);
  }
  /// Waits up to `ms` or until cancelled; true if cancelled.
  bool waitForMs(int64_t ms) const;

  /// Base of OnCancel: an intrusive list node the token walks on cancel().
  class Listener {
  public:
    Listener(const Listener &) = delete;
    Listener &operator=(const Listener &) = delete;

  protected:
    Listener() = default;
    ~Listener() = default;
    void attach(const CancelToken *token);
    void detach();

  private:
    friend class CancelToken;
    virtual void onCancel() = 0;
    const CancelToken *token_ = nullptr;
    Listener *prev_ = nullptr;
    Listener *next_ = nullptr;
  };

private:
  std::atomic<bool> flag_{false};
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  mutable Listener *head_ = nullptr;
};

/// A wake-up registered for the lifetime of this object (a null token
/// registers nothing). It is not run if the token is already cancelled when
/// registering: check cancelled() afterwards. Once the destructor returns the
/// wake-up is neither running nor will run, so it may capture locals.
template <typename F> class OnCancel final : private CancelToken::Listener {
public:
  OnCancel(const CancelToken *token, F wake) : wake_(std::move(wake)) {
    attach(token);
  }
  ~OnCancel() { detach(); }

private:
  void onCancel() override { wake_(); }
  F wake_;
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_CANCEL_H_
