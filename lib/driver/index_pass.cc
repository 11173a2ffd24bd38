#include "driver/index_pass.h"

#include "base/index_pool.h"
#include "scan/prefilter.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>

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

/// The settings names the first step has found so far (RepoPlan::add's
/// share of bindingNames()), so that a file without a trigger is looked at
/// for them while its bytes are at hand. Each growth is a new version.
class NamesSoFar {
public:
  struct Snapshot {
    std::uint32_t version = 0;
    std::shared_ptr<const scan::Prefilter> mentions; ///< null: no names yet
  };

  Snapshot current() const {
    std::lock_guard<std::mutex> lock(mu_);
    return {version_, mentions_};
  }
  void add(const std::vector<std::string> &names) {
    if (names.empty())
      return;
    std::lock_guard<std::mutex> lock(mu_);
    std::size_t before = names_.size();
    names_.insert(names.begin(), names.end());
    if (names_.size() == before)
      return;
    ++version_;
    mentions_ = std::make_shared<const scan::Prefilter>(
        std::vector<std::string>(names_.begin(), names_.end()));
  }
  /// After the first step: whether a file looked at in the last version
  /// was looked at for exactly `names` (sorted and distinct).
  bool lastVersionIs(const std::vector<std::string> &names) const {
    return std::equal(names_.begin(), names_.end(), names.begin(), names.end());
  }
  std::uint32_t version() const { return version_; }

private:
  mutable std::mutex mu_;
  std::set<std::string> names_;
  std::uint32_t version_ = 0;
  std::shared_ptr<const scan::Prefilter> mentions_;
};

/// What the first step learned of a file without a trigger.
enum Quiet : char {
  kTriggered = 0, ///< or not loaded: never indexed by the second step
  kSilent,        ///< mentions none of the names known when it was read
  kMentions,      ///< mentions one of them: indexed by the second step
};

} // namespace

void indexPass(const std::vector<scan::FileEntry> &files, scan::FileSystem &fs,
               const scan::LoadLimits &limits, const Engines &engines,
               const CandidateRules &candidates, RepoPlan &plan,
               unsigned threads, IndexCache *cache) {
  // The plan is a map by path: the order files are added in does not
  // change it.
  // A file with no trigger is maybe a user of a settings name (second
  // step). It is looked at for the names known when the first step reads
  // it, so the second step reads again only the files read before the last
  // name was found (all of them at worst, as when the settings module is
  // the last file walked).
  std::vector<char> quiet(files.size(), kTriggered);
  std::vector<std::uint32_t> seen_at(files.size(), 0);
  NamesSoFar so_far;
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
      NamesSoFar::Snapshot names = so_far.current();
      seen_at[i] = names.version;
      quiet[i] = names.mentions && names.mentions->any(loaded.file->content())
                     ? kMentions
                     : kSilent;
      if (cache)
        cache->noCandidate(i, loaded.file->content());
      return;
    }
    std::vector<Finding> findings;
    const AskedQuery indexing;
    ModuleFacts facts =
        matcher->indexAndMatch(*loaded.file, wanted, &indexing, findings);
    so_far.add(
        plan.add(std::string(entry.repoPath()), *loaded.file, facts, findings));
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
    // A file looked at in the last version, for every name there is, and
    // found silent needs no second read.
    const bool settled = so_far.lastVersionIs(names);
    const std::uint32_t last = so_far.version();
    const scan::Prefilter mentions(std::move(names));
    parallelFor(files.size(), threads, [&](std::size_t i) {
      if (quiet[i] == kTriggered ||
          (settled && quiet[i] == kSilent && seen_at[i] == last))
        return;
      const scan::FileEntry &entry = files[i];
      scan::LoadResult loaded = scan::loadFile(fs, entry, limits);
      if (loaded.status != scan::LoadStatus::Loaded ||
          !mentions.any(loaded.file->content()))
        return;
      const Matcher *matcher = engines.forLanguage(entry.language);
      plan.add(std::string(entry.repoPath()), *loaded.file,
               matcher->index(*loaded.file), {});
    });
  }
  plan.finish();
}

} // namespace keyshift::driver
