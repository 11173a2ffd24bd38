// The one way keyshift spreads N independent jobs over threads: each thread
// takes the next index from a shared counter until none is left, so a slow
// job holds up only its own thread. Used by the driver (index pass, the
// in-order file pool) and the C++ engine's translation units.
#ifndef KEYSHIFT_BASE_INDEX_POOL_H_
#define KEYSHIFT_BASE_INDEX_POOL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace keyshift {

/// Threads that run a worker's job(i) for every i in [0, count), each index
/// once, handed out in increasing order. Each thread first calls
/// make_worker() for its own job callable (per-thread state: a parser, a
/// set of compiled matchers), so nothing in it is shared. Joined by join()
/// or the destructor.
class IndexPool {
public:
  template <class MakeWorker>
  IndexPool(std::size_t count, unsigned threads, const MakeWorker &make_worker)
      : count_(count) {
    auto n = static_cast<std::size_t>(std::max(1u, threads));
    for (std::size_t t = 0; t < std::min(n, count); ++t)
      // A copy: a thread may start after the constructor has returned.
      threads_.emplace_back([this, make_worker] { drain(make_worker()); });
  }
  IndexPool(const IndexPool &) = delete;
  IndexPool &operator=(const IndexPool &) = delete;
  ~IndexPool() { join(); }

  void join() {
    for (std::thread &t : threads_)
      if (t.joinable())
        t.join();
  }

  /// Runs job(i) for the indices left, on the calling thread.
  template <class Job> void drain(Job &&job) {
    for (std::size_t i = next_++; i < count_; i = next_++)
      job(i);
  }

private:
  const std::size_t count_;
  std::atomic<std::size_t> next_{0};
  std::vector<std::thread> threads_;
};

/// Runs work(i) for every i in [0, count) on `threads` threads, the calling
/// thread among them (one thread: no pool at all), each with its own
/// make_worker() callable; returns when all are done.
template <class MakeWorker>
void parallelForEachWorker(std::size_t count, unsigned threads,
                           const MakeWorker &make_worker) {
  if (threads <= 1 || count <= 1) {
    auto job = make_worker();
    for (std::size_t i = 0; i < count; ++i)
      job(i);
    return;
  }
  IndexPool pool(count, threads - 1, make_worker);
  pool.drain(make_worker());
  pool.join();
}

/// parallelForEachWorker with one job shared by every thread.
template <class Work>
void parallelFor(std::size_t count, unsigned threads, const Work &work) {
  parallelForEachWorker(count, threads, [&work] { return std::cref(work); });
}

} // namespace keyshift

#endif // KEYSHIFT_BASE_INDEX_POOL_H_
