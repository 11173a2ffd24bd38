#include "driver/index_pass.h"

#include "scan/prefilter.h"

namespace keyshift::driver {

void indexPass(const std::vector<scan::FileEntry> &files, scan::FileSystem &fs,
               const scan::LoadLimits &limits, const Engines &engines,
               const CandidateRules &candidates, RepoPlan &plan) {
  IndexPassQuery indexing;
  std::vector<const scan::FileEntry *> quiet; // no trigger: maybe a user
  for (const scan::FileEntry &entry : files) {
    const Matcher *matcher = engines.forLanguage(entry.language);
    if (!matcher)
      continue;
    scan::LoadResult loaded = scan::loadFile(fs, entry, limits);
    if (loaded.status != scan::LoadStatus::Loaded)
      continue;
    auto wanted = candidates(entry, loaded.file->content());
    if (wanted.empty()) {
      quiet.push_back(&entry);
      continue;
    }
    std::vector<Finding> findings;
    ModuleFacts facts =
        matcher->indexAndMatch(*loaded.file, wanted, &indexing, findings);
    plan.add(entry.repo_path, *loaded.file, facts, findings);
  }
  // A file that only imports a settings name (`from settings import KEY`)
  // has no trigger; it is indexed when it mentions one.
  std::vector<std::string> names = plan.bindingNames();
  if (!names.empty()) {
    scan::Prefilter mentions(std::move(names));
    for (const scan::FileEntry *entry : quiet) {
      scan::LoadResult loaded = scan::loadFile(fs, *entry, limits);
      if (loaded.status != scan::LoadStatus::Loaded ||
          !mentions.any(loaded.file->content()))
        continue;
      const Matcher *matcher = engines.forLanguage(entry->language);
      plan.add(entry->repo_path, *loaded.file, matcher->index(*loaded.file),
               {});
    }
  }
  plan.finish();
}

} // namespace keyshift::driver
