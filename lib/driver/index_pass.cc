#include "driver/index_pass.h"

#include "base/index_pool.h"
#include "scan/prefilter.h"

namespace keyshift::driver {
void indexPass(const std::vector<scan::FileEntry> &files, scan::FileSystem &fs,
               const scan::LoadLimits &limits, const Engines &engines,
               const CandidateRules &candidates, RepoPlan &plan,
               unsigned threads) {
  // The plan is a map by path: the order files are added in does not
  // change it.
  const IndexPassQuery indexing;
  // No trigger: maybe a user of a settings name (second step).
  std::vector<char> quiet(files.size(), 0);
  parallelFor(files.size(), threads, [&](std::size_t i) {
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
    parallelFor(files.size(), threads, [&](std::size_t i) {
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
