#include "driver/driver.h"

#include "driver/flow_gate.h"
#include "driver/process_file.h"
#include "scan/prefilter.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace keyshift::driver {
namespace {

/// Per language: one prefilter over every rule's triggers, and which rule
/// each literal belongs to, so a file is matched only against the rules
/// whose triggers it contains.
struct LanguageRules {
  std::unique_ptr<scan::Prefilter> prefilter;
  std::vector<const ruleset::Rule *> owner; ///< per literal
  std::vector<const ruleset::Rule *> rules; ///< rule order
};

std::map<Language, LanguageRules> indexRules(const ruleset::RuleSet &set) {
  std::map<Language, LanguageRules> out;
  for (const ruleset::Rule &rule : set.rules()) {
    LanguageRules &lr = out[rule.language];
    lr.rules.push_back(&rule);
  }
  for (auto &[lang, lr] : out) {
    std::vector<std::string> literals;
    for (const ruleset::Rule *rule : lr.rules)
      for (const std::string &t : rule->triggers) {
        literals.push_back(t);
        lr.owner.push_back(rule);
      }
    lr.prefilter = std::make_unique<scan::Prefilter>(std::move(literals));
  }
  return out;
}

std::vector<const ruleset::Rule *> candidates(const LanguageRules &lr,
                                              std::string_view text) {
  std::vector<const ruleset::Rule *> hit;
  for (std::size_t i : lr.prefilter->present(text))
    hit.push_back(lr.owner[i]);
  // Back to rule order (first rule wins), without duplicates.
  std::vector<const ruleset::Rule *> ordered;
  for (const ruleset::Rule *r : lr.rules)
    if (std::find(hit.begin(), hit.end(), r) != hit.end())
      ordered.push_back(r);
  return ordered;
}

/// What one worker produced for one file; emitted in order by the caller.
struct Slot {
  std::unique_ptr<SourceFile> file;
  std::optional<FileOutcome> outcome;
  std::optional<FileProblem> problem;
  bool done = false;
};

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
  auto walked = scan::walk(fs, git, options.walk);
  if (!walked.ok())
    return walked.error();
  std::vector<scan::FileEntry> files = std::move(walked->files);
  if (options.shard && options.shard->count > 1) {
    std::erase_if(files, [&](const scan::FileEntry &f) {
      return shardHash(f.repo_path) % options.shard->count !=
             options.shard->index;
    });
  }

  sink.beginRun(files.size());
  RunStats stats;
  for (const scan::WalkProblem &p : walked->problems) {
    // Each problem belongs to one shard, or N shards would all report it.
    if (options.shard && options.shard->count > 1 &&
        shardHash(p.display_path) % options.shard->count !=
            options.shard->index)
      continue;
    FileProblem fp{p.display_path,
                   p.is_error ? FileProblem::Kind::Error
                              : FileProblem::Kind::Skipped,
                   p.message};
    sink.problem(fp);
    ++(p.is_error ? stats.errors : stats.skipped);
  }

  const auto index = indexRules(rules);

  // C++ first, as one batch over every C++ file (see cpp_batch.h).
  std::optional<CppBatch> cpp;
  if (cppSupported() && !rules.forLanguage(Language::Cpp).empty()) {
    std::vector<std::string> cpp_files;
    for (const scan::FileEntry &f : files)
      if (f.language == Language::Cpp)
        cpp_files.push_back(f.abs_path);
    if (!cpp_files.empty()) {
      CppOptions co = options.cpp;
      if (co.root.empty())
        co.root = options.walk.cwd;
      auto batch =
          runCppBatch(rules, cpp_files, engines.proxy(), co, options.threads);
      if (!batch.ok())
        return batch.error();
      for (const std::string &note : batch->notes)
        sink.note(note);
      cpp = std::move(batch).value();
    }
  }
  std::map<std::string, std::string> cpp_errors; // abs path -> message
  if (cpp)
    for (auto &[path, message] : cpp->errors)
      cpp_errors[path] += (cpp_errors[path].empty() ? "" : "; ") + message;

  std::vector<Slot> slots(files.size());
  std::mutex mu;
  std::condition_variable ready;
  std::atomic<std::size_t> next{0};
  std::size_t awaited = 0; // the slot the emitter waits for; guarded by mu

  // Code files first, then config files, which wait for all code (the flow
  // gate needs to know what code keeps: driver/flow_gate.h).
  std::vector<std::size_t> order;
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t i = 0; i < files.size(); ++i)
      if (waitsForCode(files[i].language) == (pass == 1))
        order.push_back(i);
  FlowGate gate;             // guarded by mu until code_left is 0
  std::size_t code_left = 0; // guarded by mu
  std::condition_variable code_done;
  for (const scan::FileEntry &f : files)
    code_left += waitsForCode(f.language) ? 0 : 1;

  auto work = [&](std::size_t i) {
    const scan::FileEntry &entry = files[i];
    const bool config = waitsForCode(entry.language);
    if (config) {
      std::unique_lock<std::mutex> lock(mu);
      code_done.wait(lock, [&] { return code_left == 0; });
    }
    Slot slot;
    const Matcher *matcher = engines.forLanguage(entry.language);
    auto lr = index.find(entry.language);
    bool batched = entry.language == Language::Cpp && cpp.has_value();
    if (batched || (matcher && lr != index.end())) {
      scan::LoadResult loaded = scan::loadFile(fs, entry, options.limits);
      if (loaded.status != scan::LoadStatus::Loaded) {
        slot.problem = FileProblem{entry.display_path,
                                   loaded.status == scan::LoadStatus::Skipped
                                       ? FileProblem::Kind::Skipped
                                       : FileProblem::Kind::Error,
                                   loaded.message};
      } else {
        slot.file = std::make_unique<SourceFile>(std::move(*loaded.file));
        ProcessOptions po{options.baseline};
        FileOutcome outcome;
        if (batched) {
          // Clang's edits only touch literal interiors and argument lists it
          // has parsed; there is no cheap re-parse to verify them with.
          auto it = cpp->findings.find(entry.abs_path);
          std::vector<Finding> found;
          if (it != cpp->findings.end())
            found = it->second;
          outcome = reconcile(*slot.file, std::move(found), nullptr, po);
          if (auto err = cpp_errors.find(entry.abs_path);
              err != cpp_errors.end())
            slot.problem = FileProblem{entry.display_path,
                                       FileProblem::Kind::Error, err->second};
        } else {
          auto wanted = candidates(lr->second, slot.file->content());
          std::vector<Finding> found;
          if (!wanted.empty())
            found = matcher->match(*slot.file, wanted);
          if (config)
            gate.veto(found);
          outcome = wanted.empty() ? reconcile(*slot.file, {}, nullptr, po)
                                   : reconcile(*slot.file, std::move(found),
                                               &matcher->syntaxChecker(), po);
        }
        outcome.display_path = entry.display_path;
        outcome.repo_path = entry.repo_path;
        if (options.apply && outcome.changed()) {
          auto written = fs.writeAtomically(
              entry.abs_path, slot.file->withBom(outcome.new_content));
          if (!written.ok())
            slot.problem =
                FileProblem{entry.display_path, FileProblem::Kind::Error,
                            "cannot write: " + written.error().message};
        }
        slot.outcome = std::move(outcome);
      }
    }
    std::lock_guard<std::mutex> lock(mu);
    if (!config) {
      if (slot.outcome)
        gate.observe(*slot.outcome);
      if (--code_left == 0)
        code_done.notify_all();
    }
    slot.done = true;
    slots[i] = std::move(slot);
    // Wake the emitter only for the slot it waits on: the others it will
    // find done when it gets there.
    if (i == awaited)
      ready.notify_one();
  };

  auto emit = [&](Slot &slot) {
    if (slot.outcome) {
      ++stats.files_scanned;
      if (slot.outcome->changed())
        ++stats.files_changed;
      for (const Finding &f : slot.outcome->findings)
        ++stats.findings_by_kind[std::string(findingKindName(f.kind))];
      sink.file(*slot.outcome);
    }
    if (slot.problem) {
      sink.problem(*slot.problem);
      ++(slot.problem->kind == FileProblem::Kind::Error ? stats.errors
                                                        : stats.skipped);
    }
  };

  unsigned threads = options.threads
                         ? options.threads
                         : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(
      std::min<std::size_t>(threads, std::max<std::size_t>(1, files.size())));
  if (threads == 1) {
    // No pool: one thread matches and emits, with no hand-off per file.
    std::size_t emitted = 0;
    for (std::size_t i : order) {
      work(i);
      for (; emitted < slots.size() && slots[emitted].done; ++emitted) {
        emit(slots[emitted]);
        slots[emitted] = Slot{};
      }
    }
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&] {
        for (std::size_t k = next++; k < order.size(); k = next++)
          work(order[k]);
      });
    for (std::size_t i = 0; i < slots.size(); ++i) {
      Slot slot;
      {
        std::unique_lock<std::mutex> lock(mu);
        awaited = i;
        ready.wait(lock, [&] { return slots[i].done; });
        slot = std::move(slots[i]);
      }
      emit(slot);
    }
    for (std::thread &t : pool)
      t.join();
  }

  stats.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
  sink.endRun(stats);
  return stats;
}

} // namespace keyshift::driver
