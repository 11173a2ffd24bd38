// The index pass (DECISIONS "Flows and the hard rule"): before anything is
// edited, every file a per-file engine takes is matched once with an
// IndexPassQuery and indexed (module-level bindings and uses), and the
// repository plan is worked out. Files without a trigger are indexed only
// when they mention a name some settings module binds to a key read.
#ifndef KEYSHIFT_DRIVER_INDEX_PASS_H_
#define KEYSHIFT_DRIVER_INDEX_PASS_H_

#include "driver/engines.h"
#include "driver/index_cache.h"
#include "driver/repo_plan.h"
#include "scan/file_loader.h"
#include "scan/file_system.h"
#include "scan/walker.h"

#include <functional>
#include <string_view>
#include <vector>

namespace keyshift::driver {

using CandidateRules = std::function<std::vector<const ruleset::Rule *>(
    const scan::FileEntry &, std::string_view)>;

/// On `threads` threads (the engines, the file system and the plan are
/// thread-safe; `candidates` must be too). With a `cache`, what it read and
/// matched is kept there for the edit pass, by walk index.
void indexPass(const std::vector<scan::FileEntry> &files, scan::FileSystem &fs,
               const scan::LoadLimits &limits, const Engines &engines,
               const CandidateRules &candidates, RepoPlan &plan,
               unsigned threads = 1, IndexCache *cache = nullptr);

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_INDEX_PASS_H_
