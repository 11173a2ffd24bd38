// What the index pass hands on to the edit pass (issue 14, "one read per
// file"): the loaded text of the files it matched, under a byte budget, and
// their findings when the plan cannot change them; and which files it read
// that the edit pass would find nothing in. Without it every file is read
// twice and every candidate file parsed twice.
#ifndef KEYSHIFT_DRIVER_INDEX_CACHE_H_
#define KEYSHIFT_DRIVER_INDEX_CACHE_H_

#include "base/source_file.h"
#include "finding/finding.h"

#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace keyshift::driver {

/// What the index pass may keep at once. Candidate files are ~1-5% of a
/// tree; past the budget files are simply read again, as before. The
/// budget bounds the run's memory whatever the tree's size (issue 14's
/// 64 MB goal leaves room for this and the workers' slots).
inline constexpr std::size_t kReuseBudgetBytes = 16u << 20;

/// Thread-safe: the index pass fills it from its workers, the edit pass
/// empties it from its own. Keyed by the file's position in the walk.
class IndexCache {
public:
  /// Whether the edit pass would report nothing for the walk's file `i`
  /// holding `text` when no rule is a candidate for it (no key in it, ...).
  using NothingToReport = std::function<bool(std::size_t i, std::string_view)>;

  struct Kept {
    /// The bytes the index pass read and matched.
    SourceFile file;
    /// As the edit pass would match them, before RepoPlan::apply; unset
    /// when they could depend on the plan (the engine asked it about a
    /// name), so the edit pass matches again with the plan.
    std::optional<std::vector<Finding>> findings;
  };

  IndexCache(std::size_t files, NothingToReport nothing,
             std::size_t budget_bytes = kReuseBudgetBytes)
      : budget_(budget_bytes), nothing_(std::move(nothing)), clean_(files, 0) {}

  /// Kept only if it fits in what is left of the budget.
  void keep(std::size_t walk_index, Kept kept);
  /// The kept entry, once: its bytes go back to the budget.
  std::optional<Kept> take(std::size_t walk_index);

  /// Index pass: file `walk_index`, holding `text`, has no candidate rule.
  /// One byte per file, whatever the tree's size.
  void noCandidate(std::size_t walk_index, std::string_view text);
  /// Edit pass: the file need not be read again; it is reported as scanned
  /// with nothing found. Only after the index pass has finished.
  bool clean(std::size_t walk_index) const { return clean_[walk_index] != 0; }

private:
  static std::size_t cost(const Kept &kept);

  const std::size_t budget_;
  std::mutex mu_;
  std::size_t used_ = 0; ///< by mu_
  std::unordered_map<std::size_t, Kept> kept_;
  const NothingToReport nothing_;
  /// Written by one index-pass worker per element (no lock needed), read
  /// after the pass has joined its workers.
  std::vector<char> clean_;
};

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_INDEX_CACHE_H_
