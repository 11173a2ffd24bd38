#include "driver/index_pass.h"

#include "base/index_pool.h"
#include "scan/prefilter.h"

namespace keyshift::driver {
namespace {

/// The index pass's plan (no plan yet: see IndexPassQuery), noting whether
/// the engine asked it about a name. An engine that never asks matched the
/// file exactly as it will with the finished plan, so the edit pass can
/// take its findings instead of matching again. Every FlowQuery method
/// must be overridden here and noted: one left to its default would let a
/// finding that depends on the plan be reused.
class AskedQuery final : public FlowQuery {
public:
  std::optional<KeySource> keySource(std::string_view symbol) const override {
    asked_ = true;
    return IndexPassQuery().keySource(symbol);
  }
  std::optional<RelatedSite> setByCode(std::string_view env) const override {
    asked_ = true;
    return IndexPassQuery().setByCode(env);
  }
  std::vector<std::string> reExported(std::string_view symbol) const override {
    asked_ = true;
    return IndexPassQuery().reExported(symbol);
  }
  bool indexing() const override {
    asked_ = true;
    return IndexPassQuery().indexing();
  }
  bool asked() const { return asked_; }

private:
  mutable bool asked_ = false;
};

} // namespace

void indexPass(const std::vector<scan::FileEntry> &files, scan::FileSystem &fs,
               const scan::LoadLimits &limits, const Engines &engines,
               const CandidateRules &candidates, RepoPlan &plan,
               unsigned threads, IndexCache *cache) {
  // The plan is a map by path: the order files are added in does not
  // change it.
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
      if (cache)
        cache->noCandidate(i, loaded.file->content());
      return;
    }
    std::vector<Finding> findings;
    const AskedQuery indexing;
    ModuleFacts facts =
        matcher->indexAndMatch(*loaded.file, wanted, &indexing, findings);
    plan.add(entry.repo_path, *loaded.file, facts, findings);
    if (!cache)
      return;
    IndexCache::Kept kept{std::move(*loaded.file), std::nullopt};
    if (!indexing.asked() && engines.indexMatches(entry.language))
      kept.findings = std::move(findings);
    cache->keep(i, std::move(kept));
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
