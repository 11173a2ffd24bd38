// run(): the whole pipeline over a set of roots (DESIGN §3).
//   walk -> load -> literal prefilter -> match (workers, in parallel) ->
//   reconcile/verify -> optional atomic write -> ReportSink, in sorted path
//   order whatever the thread count, so output is deterministic.
#ifndef KEYSHIFT_DRIVER_DRIVER_H_
#define KEYSHIFT_DRIVER_DRIVER_H_

#include "base/error.h"
#include "driver/change_selection.h"
#include "driver/cpp_batch.h"
#include "driver/engines.h"
#include "driver/index_cache.h"
#include "driver/process_file.h"
#include "report/report_sink.h"
#include "ruleset/rule_set.h"
#include "scan/file_loader.h"
#include "scan/file_system.h"
#include "scan/git_lister.h"
#include "scan/real_file_system.h"
#include "scan/walker.h"

#include <functional>
#include <optional>
#include <string>

namespace keyshift::secrets {
class Baseline;
}

namespace keyshift::driver {

/// `--shard K/N`: this run takes the files whose stable path hash is K mod N.
struct Shard {
  unsigned index = 0; ///< K, 0-based
  unsigned count = 1; ///< N
};

/// Test-only: called where another program could change a file while
/// keyshift works on it, so tests can do exactly that (docs/RELIABILITY.md).
struct TestHooks {
  /// Clang has parsed every C++ file; the workers have not loaded them yet.
  std::function<void()> after_cpp_batch;
  /// `abs_path` is about to be replaced (its new bytes are ready).
  std::function<void(const std::string &abs_path)> before_write;
  /// Not used by run(): the command line gives it to the RealFileSystem it
  /// builds, to fail or end a write at any of its steps.
  scan::WriteObserver write_observer;
  /// Every rule of a file's language is a candidate (no prefilter): the
  /// reference the prefilter's findings must equal.
  bool every_rule = false;
};

struct DriverOptions {
  scan::WalkOptions walk;
  scan::LoadLimits limits;
  unsigned threads = 0; ///< 0: all cores
  /// Write changed files back: atomically, only if unchanged since they
  /// were read, never through a link (walk.for_writing is implied); stale
  /// temporary files of killed runs are removed from the directories of the
  /// files walked.
  bool apply = false;
  std::optional<Shard> shard;
  CppOptions cpp; ///< root defaults to walk.cwd
  const secrets::Baseline *baseline = nullptr;
  /// The byte scanner for keys; with walk.any_text it reads every text file
  /// (files no engine or rule wants are loaded for it alone, binaries are
  /// passed over silently).
  KeyScanOptions keys;
  /// `migrate -i`: only the files and changes a person accepted (may be
  /// null). Needs apply.
  const ChangeSelection *selection = nullptr;
  /// How much of what the index pass read and matched is kept for the edit
  /// pass (index_cache.h); 0 reads and matches every file again.
  std::size_t reuse_bytes = kReuseBudgetBytes;
  TestHooks test_hooks;
};

/// Fails only for what stops the whole run (a root that does not exist);
/// per-file trouble is reported to the sink and counted in RunStats.
Result<RunStats> run(const DriverOptions &options,
                     const ruleset::RuleSet &rules, const Engines &engines,
                     scan::FileSystem &fs, const scan::GitLister &git,
                     ReportSink &sink);

/// FNV-1a of the repo-relative path: stable across machines and runs.
std::uint64_t shardHash(std::string_view repo_path);

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_DRIVER_H_
