// run(): the whole pipeline over a set of roots (DESIGN §3).
//   walk -> load -> literal prefilter -> match (workers, in parallel) ->
//   reconcile/verify -> optional atomic write -> ReportSink, in sorted path
//   order whatever the thread count, so output is deterministic.
#ifndef KEYSHIFT_DRIVER_DRIVER_H_
#define KEYSHIFT_DRIVER_DRIVER_H_

#include "base/error.h"
#include "driver/cpp_batch.h"
#include "driver/engines.h"
#include "driver/process_file.h"
#include "report/report_sink.h"
#include "ruleset/rule_set.h"
#include "scan/file_loader.h"
#include "scan/file_system.h"
#include "scan/git_lister.h"
#include "scan/walker.h"

#include <optional>

namespace keyshift::secrets {
class Baseline;
}

namespace keyshift::driver {

/// `--shard K/N`: this run takes the files whose stable path hash is K mod N.
struct Shard {
  unsigned index = 0; ///< K, 0-based
  unsigned count = 1; ///< N
};

struct DriverOptions {
  scan::WalkOptions walk;
  scan::LoadLimits limits;
  unsigned threads = 0; ///< 0: all cores
  bool apply = false;   ///< write changed files back (atomically)
  std::optional<Shard> shard;
  CppOptions cpp; ///< root defaults to walk.cwd
  const secrets::Baseline *baseline = nullptr;
  /// The byte scanner for keys; with walk.any_text it reads every text file
  /// (files no engine or rule wants are loaded for it alone, binaries are
  /// passed over silently).
  KeyScanOptions keys;
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
