// One file through the pipeline, on a worker thread: load (or take what the
// index pass kept) -> match (or take the index pass's findings, or the C++
// batch's, if they were made from these very bytes) -> reconcile -> with
// --apply, a checked atomic write. The result is a Slot
// that the in-order emitter (in_order.h) reports.
#ifndef KEYSHIFT_DRIVER_FILE_WORKER_H_
#define KEYSHIFT_DRIVER_FILE_WORKER_H_

#include "driver/cpp_batch.h"
#include "driver/driver.h"
#include "driver/engines.h"
#include "driver/index_cache.h"
#include "driver/repo_plan.h"
#include "driver/rule_index.h"
#include "report/report_sink.h"
#include "scan/file_system.h"
#include "scan/walker.h"

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace keyshift::driver {

/// What one worker produced for one file.
struct Slot {
  std::unique_ptr<SourceFile> file; ///< outcome->source points here
  std::optional<FileOutcome> outcome;
  std::optional<FileProblem> problem;
  std::vector<std::string> notes; ///< run-level remarks found on the way
};

/// Shared by every worker thread: all it holds is read-only, except the
/// file system (thread-safe by contract), the index pass's cache (likewise;
/// may be null) and the set of directories swept.
class FileWorker {
public:
  FileWorker(const DriverOptions &options, const Engines &engines,
             const RuleIndex &index, const RepoPlan &plan, const CppBatch *cpp,
             scan::FileSystem &fs, IndexCache *cache = nullptr);

  /// `walk_index`: the entry's key in the index pass's cache.
  Slot process(const scan::FileEntry &entry, std::size_t walk_index);

private:
  /// Findings for a loaded file, or a problem when they cannot be trusted.
  std::optional<FileOutcome>
  match(const scan::FileEntry &entry, const SourceFile &file,
        const std::string &bytes, const ChangeSelection::File *selected,
        std::optional<std::vector<Finding>> known, Slot &slot) const;
  void write(const scan::FileEntry &entry, const std::string &bytes,
             Slot &slot);
  /// With --apply, removes stale temporary files from the entry's directory
  /// the first time a worker gets there.
  void sweep(const scan::FileEntry &entry, Slot &slot);

  const DriverOptions &options_;
  const Engines &engines_;
  const RuleIndex &index_;
  const RepoPlan &plan_;
  const CppBatch *cpp_;
  scan::FileSystem &fs_;
  IndexCache *cache_;
  std::mutex swept_mu_;
  std::set<std::string> swept_;
};

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_FILE_WORKER_H_
