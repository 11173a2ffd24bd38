// The hand-off between the worker pool and the one thread that reports:
// files are processed in any order, on any thread, and reported in walk
// order, so output does not depend on the thread count.
#ifndef KEYSHIFT_DRIVER_IN_ORDER_H_
#define KEYSHIFT_DRIVER_IN_ORDER_H_

#include "driver/file_worker.h"
#include "report/report_sink.h"

#include <cstddef>
#include <functional>

namespace keyshift::driver {

/// Reports slots to a sink and counts them into the run's statistics.
/// Single-threaded: only the reporting thread calls it.
class InOrderEmitter {
public:
  InOrderEmitter(ReportSink &sink, RunStats &stats)
      : sink_(sink), stats_(stats) {}
  void emit(Slot &slot);

private:
  ReportSink &sink_;
  RunStats &stats_;
};

/// How many files per worker thread may be worked ahead of the emitter.
inline constexpr std::size_t kAheadPerThread = 8;

/// Runs work(i) for every i in [0, count) on `threads` threads and passes
/// each slot to emit() on the calling thread, in index order, as soon as it
/// and every slot before it are done. At most threads * kAheadPerThread
/// slots are held at once (files worked or being worked, not yet emitted).
/// With one thread there is no pool and no hand-off: each file is worked
/// and emitted in turn.
void runInOrder(std::size_t count, unsigned threads,
                const std::function<Slot(std::size_t)> &work,
                const std::function<void(Slot &)> &emit);

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_IN_ORDER_H_
