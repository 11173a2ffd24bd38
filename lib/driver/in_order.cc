#include "driver/in_order.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace keyshift::driver {

void InOrderEmitter::emit(Slot &slot) {
  for (const std::string &note : slot.notes)
    sink_.note(note);
  if (slot.outcome) {
    ++stats_.files_scanned;
    if (slot.outcome->changed())
      ++stats_.files_changed;
    for (const Finding &f : slot.outcome->findings)
      ++stats_.findings_by_kind[std::string(findingKindName(f.kind))];
    sink_.file(*slot.outcome);
  }
  if (slot.problem) {
    sink_.problem(*slot.problem);
    ++(slot.problem->kind == FileProblem::Kind::Error ? stats_.errors
                                                      : stats_.skipped);
  }
}

void runInOrder(std::size_t count, unsigned threads,
                const std::function<Slot(std::size_t)> &work,
                const std::function<void(Slot &)> &emit) {
  if (threads <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      Slot slot = work(i);
      emit(slot);
    }
    return;
  }
  struct Pending {
    Slot slot;
    bool done = false;
  };
  std::vector<Pending> pending(count);
  std::mutex mu;
  std::condition_variable ready;
  std::atomic<std::size_t> next{0};
  std::size_t awaited = 0; // the slot the emitter waits for; guarded by mu
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) {
        Slot slot = work(i);
        std::lock_guard<std::mutex> lock(mu);
        pending[i].slot = std::move(slot);
        pending[i].done = true;
        // Wake the emitter only for the slot it waits on: the others it
        // will find done when it gets there.
        if (i == awaited)
          ready.notify_one();
      }
    });
  for (std::size_t i = 0; i < count; ++i) {
    Slot slot;
    {
      std::unique_lock<std::mutex> lock(mu);
      awaited = i;
      ready.wait(lock, [&] { return pending[i].done; });
      slot = std::move(pending[i].slot);
    }
    emit(slot);
  }
  for (std::thread &t : pool)
    t.join();
}

} // namespace keyshift::driver
