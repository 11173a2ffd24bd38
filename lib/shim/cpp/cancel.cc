#include "keyshift/shim/cancel.h"

#include <chrono>

namespace keyshift::shim {

void CancelToken::cancel() {
  std::lock_guard<std::mutex> lock(mu_);
  if (flag_.exchange(true, std::memory_order_acq_rel))
    return;
  cv_.notify_all();
  // Under mu_: an OnCancel cannot unregister (and its captures cannot go
  // away) while its wake-up runs.
  for (Listener *w = head_; w; w = w->next_)
    w->onCancel();
}

bool CancelToken::waitForMs(int64_t ms) const {
  std::unique_lock<std::mutex> lock(mu_);
  if (ms > 0)
    cv_.wait_for(lock, std::chrono::milliseconds(ms),
                 [&] { return flag_.load(std::memory_order_acquire); });
  return flag_.load(std::memory_order_acquire);
}

void CancelToken::Listener::attach(const CancelToken *token) {
  token_ = token;
  if (!token_)
    return;
  std::lock_guard<std::mutex> lock(token_->mu_);
  next_ = token_->head_;
  if (next_)
    next_->prev_ = this;
  token_->head_ = this;
}

void CancelToken::Listener::detach() {
  if (!token_)
    return;
  std::lock_guard<std::mutex> lock(token_->mu_);
  (prev_ ? prev_->next_ : token_->head_) = next_;
  if (next_)
    next_->prev_ = prev_;
  token_ = nullptr;
}

} // namespace keyshift::shim
