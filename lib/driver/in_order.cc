#include "driver/in_order.h"

#include "base/index_pool.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
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
  // A ring of kAheadPerThread * threads slots: file i is worked only once
  // the emitter has taken file i - ring, so at most that many finished
  // files (their text, findings and edits) wait for the printer, however
  // long one slow file holds it up.
  const std::size_t ring = std::min<std::size_t>(
      count, static_cast<std::size_t>(threads) * kAheadPerThread);
  std::vector<Pending> pending(ring);
  std::mutex mu;
  std::condition_variable ready; // the emitter's slot is done
  std::condition_variable space; // the emitter freed a slot
  std::size_t awaited = 0;       // the file the emitter waits for; by mu
  IndexPool pool(count, threads, [&] {
    return [&](std::size_t i) {
      std::unique_lock<std::mutex> lock(mu);
      space.wait(lock, [&] { return i < awaited + ring; });
      lock.unlock();
      Slot slot = work(i);
      lock.lock();
      pending[i % ring].slot = std::move(slot);
      pending[i % ring].done = true;
      // Wake the emitter only for the slot it waits on: the others it
      // will find done when it gets there.
      if (i == awaited)
        ready.notify_one();
    };
  });
  for (std::size_t i = 0; i < count; ++i) {
    Slot slot;
    {
      std::unique_lock<std::mutex> lock(mu);
      awaited = i;
      ready.wait(lock, [&] { return pending[i % ring].done; });
      slot = std::move(pending[i % ring].slot);
      pending[i % ring] = Pending{};
      awaited = i + 1; // file i + ring may start
    }
    space.notify_all();
    emit(slot);
  }
  pool.join();
}

} // namespace keyshift::driver
