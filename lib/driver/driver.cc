#include "driver/driver.h"

#include "driver/env_file_targets.h"
#include "driver/file_worker.h"
#include "driver/in_order.h"
#include "driver/index_pass.h"
#include "driver/repo_plan.h"
#include "driver/rule_index.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace keyshift::driver {
namespace {

bool inShard(const std::optional<Shard> &shard, std::string_view path) {
  return !shard || shard->count <= 1 ||
         shardHash(path) % shard->count == shard->index;
}

/// True when some C++ file holds what a C++ rule needs: only then is Clang
/// loaded (the engine itself then picks the TUs to parse).
bool anyCppCandidate(const std::vector<scan::FileEntry> &files,
                     const RuleIndex &index, scan::FileSystem &fs,
                     const scan::LoadLimits &limits) {
  for (const scan::FileEntry &f : files) {
    if (f.language != Language::Cpp)
      continue;
    scan::LoadResult loaded = scan::loadFile(fs, f, limits);
    if (loaded.status == scan::LoadStatus::Loaded &&
        !index.candidates(Language::Cpp, loaded.file->content()).empty())
      return true;
  }
  return false;
}

/// C++ runs first, as one batch over every C++ file (see cpp_batch.h).
Result<std::optional<CppBatch>>
cppBatch(const DriverOptions &options, const ruleset::RuleSet &rules,
         const Engines &engines, const RuleIndex &index, scan::FileSystem &fs,
         const std::vector<scan::FileEntry> &files) {
  if (!cppSupported() || rules.forLanguage(Language::Cpp).empty())
    return std::optional<CppBatch>{};
  std::vector<std::string> cpp_files;
  for (const scan::FileEntry &f : files)
    if (f.language == Language::Cpp)
      cpp_files.emplace_back(f.absPath());
  if (cpp_files.empty())
    return std::optional<CppBatch>{};
  // Nothing for Clang to find: the files are reported as scanned, as the
  // engine would have left them.
  if (!anyCppCandidate(files, index, fs, options.limits))
    return std::optional<CppBatch>(CppBatch{});
  CppOptions co = options.cpp;
  if (co.root.empty())
    co.root = options.walk.cwd;
  auto batch =
      runCppBatch(rules, cpp_files, engines.proxy(), co, options.threads);
  if (!batch.ok())
    return batch.error();
  return std::optional<CppBatch>(std::move(batch).value());
}

/// What the C++ batch found, as flows of the repository plan: renamed and
/// held key reads, URLs that move with a renamed read, requests and
/// clients that stay on OpenAI (match/cpp sets Finding::flow_envs).
void addCppFlows(const std::vector<scan::FileEntry> &files,
                 scan::FileSystem &fs, const scan::LoadLimits &limits,
                 const CppBatch &batch, RepoPlan &plan) {
  for (const scan::FileEntry &f : files) {
    if (f.language != Language::Cpp)
      continue;
    auto found = batch.findings.find(std::string(f.absPath()));
    if (found == batch.findings.end())
      continue;
    scan::LoadResult loaded = scan::loadFile(fs, f, limits);
    if (loaded.status == scan::LoadStatus::Loaded)
      plan.add(std::string(f.repoPath()), *loaded.file, {}, found->second);
  }
}

/// The plan's verdict on C++ findings: a flow held anywhere (a Python
/// client left on OpenAI, a C++ request sending an untraced key) holds its
/// C++ reads and the URLs that rely on them.
void applyPlanToCpp(const std::vector<scan::FileEntry> &files,
                    const RepoPlan &plan, CppBatch &batch) {
  for (const scan::FileEntry &f : files) {
    if (f.language != Language::Cpp)
      continue;
    auto found = batch.findings.find(std::string(f.absPath()));
    if (found != batch.findings.end())
      plan.apply(std::string(f.repoPath()), found->second);
  }
}

} // namespace

std::uint64_t shardHash(std::string_view repo_path) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : repo_path) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

Result<RunStats> run(const DriverOptions &options,
                     const ruleset::RuleSet &rules, const Engines &engines,
                     scan::FileSystem &fs, const scan::GitLister &git,
                     ReportSink &sink) {
  auto started = std::chrono::steady_clock::now();
  scan::WalkOptions walk_options = options.walk;
  walk_options.for_writing = walk_options.for_writing || options.apply;
  auto walked = scan::walk(fs, git, walk_options);
  if (!walked.ok())
    return walked.error();
  std::vector<scan::FileEntry> files = std::move(walked->files);
  markEnvFileTargets(files, fs, git, walk_options, options.limits);
  const RuleIndex index(rules, options.test_hooks.every_rule);
  unsigned threads = options.threads
                         ? options.threads
                         : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(
      std::min<std::size_t>(threads, std::max<std::size_t>(1, files.size())));
  // C++ first, over every C++ file whatever the shard: its flows join the
  // plan before the index pass works it out (one parse per TU serves both
  // the plan and the edits).
  auto cpp = cppBatch(options, rules, engines, index, fs, files);
  if (!cpp.ok())
    return cpp.error();
  RepoPlan plan(engines.proxy().models);
  if (*cpp)
    addCppFlows(files, fs, options.limits, **cpp, plan);
  // A file of this shard the index pass found no candidate rule and no key
  // in is reported as scanned with nothing found, without a second read.
  IndexCache cache(
      files.size(),
      [&](std::size_t i, std::string_view text) {
        return !options.selection &&
               inShard(options.shard, files[i].repoPath()) &&
               keyFree(text, options.keys);
      },
      options.reuse_bytes);
  IndexCache *reuse = options.reuse_bytes ? &cache : nullptr;
  // The index pass sees every file, whatever the shard: flows cross them.
  indexPass(
      files, fs, options.limits, engines,
      [&](const scan::FileEntry &f, std::string_view text) {
        return index.covers(f.language) ? index.candidates(f.language, text)
                                        : std::vector<const ruleset::Rule *>{};
      },
      plan, threads, reuse);
  if (*cpp)
    applyPlanToCpp(files, plan, **cpp);
  // The files this shard edits, by walk index (the cache's key). What the
  // index pass kept of other shards' files is dropped as soon as it is done.
  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < files.size(); ++i)
    if (inShard(options.shard, files[i].repoPath()))
      mine.push_back(i);
    else
      cache.take(i);

  sink.beginRun(mine.size());
  RunStats stats;
  for (const scan::WalkProblem &p : walked->problems) {
    // Each problem belongs to one shard, or N shards would all report it.
    if (!inShard(options.shard, p.display_path))
      continue;
    sink.problem(FileProblem{p.display_path,
                             p.is_error ? FileProblem::Kind::Error
                                        : FileProblem::Kind::Skipped,
                             p.message});
    ++(p.is_error ? stats.errors : stats.skipped);
  }

  if (*cpp)
    for (const std::string &note : (*cpp)->notes)
      sink.note(note);
  if (options.test_hooks.after_cpp_batch)
    options.test_hooks.after_cpp_batch();

  FileWorker worker(options, engines, index, plan,
                    cpp->has_value() ? &**cpp : nullptr, fs, reuse);
  InOrderEmitter emitter(sink, stats);
  runInOrder(
      mine.size(), threads,
      [&](std::size_t k) { return worker.process(files[mine[k]], mine[k]); },
      [&](Slot &slot) { emitter.emit(slot); });

  stats.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
  sink.endRun(stats);
  return stats;
}

} // namespace keyshift::driver
