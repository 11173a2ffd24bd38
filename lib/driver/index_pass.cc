#include "driver/index_pass.h"

#include "scan/prefilter.h"

#include <atomic>
#include <thread>

namespace keyshift::driver {
namespace {

/// Runs `work(i)` for every i < count on `threads` threads. The plan is a
/// map by path, so the order files are added in does not change it.
template <class Work>
void forEachFile(std::size_t count, unsigned threads, const Work &work) {
  std::atomic<std::size_t> next{0};
  auto loop = [&] {
    for (std::size_t i = next++; i < count; i = next++)
      work(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < count; ++t)
    pool.emplace_back(loop);
  loop();
  for (std::thread &t : pool)
    t.join();
}

} // namespace

void indexPass(const std::vector<scan::FileEntry> &files, scan::FileSystem &fs,
               const scan::LoadLimits &limits, const Engines &engines,
               const CandidateRules &candidates, RepoPlan &plan,
               unsigned threads) {
  const IndexPassQuery indexing;
  // No trigger: maybe a user of a settings name (second step).
  std::vector<char> quiet(files.size(), 0);
  forEachFile(files.size(), threads, [&](std::size_t i) {
    const scan::FileEntry &entry = files[i];
    const Matcher *matcher = engines.forLanguage(entry.language);
    if (!matcher)
      return;
    scan::LoadResult loaded = scan::loadFile(fs, entry, limits);
    if (loaded.status != scan::LoadStatus::Loaded)
      return;
    auto wanted = candidates(entry, loaded.file->content());
    if (wanted.empty()) {
      quiet[i] = 1;
      return;
    }
    std::vector<Finding> findings;
    ModuleFacts facts =
        matcher->indexAndMatch(*loaded.file, wanted, &indexing, findings);
    plan.add(entry.repo_path, *loaded.file, facts, findings);
  });
  // A file that only imports a settings name (`from settings import KEY`)
  // has no trigger; it is indexed when it mentions one.
  std::vector<std::string> names = plan.bindingNames();
  if (!names.empty()) {
    const scan::Prefilter mentions(std::move(names));
    forEachFile(files.size(), threads, [&](std::size_t i) {
      if (!quiet[i])
        return;
      const scan::FileEntry &entry = files[i];
      scan::LoadResult loaded = scan::loadFile(fs, entry, limits);
      if (loaded.status != scan::LoadStatus::Loaded ||
          !mentions.any(loaded.file->content()))
        return;
      const Matcher *matcher = engines.forLanguage(entry.language);
      plan.add(entry.repo_path, *loaded.file, matcher->index(*loaded.file), {});
    });
  }
  plan.finish();
}

} // namespace keyshift::driver
