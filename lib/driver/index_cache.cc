#include "driver/index_cache.h"

namespace keyshift::driver {

std::size_t IndexCache::cost(const Kept &kept) {
  // The text dominates; findings are counted roughly (their strings and
  // edits), enough that a file with thousands of them is not free.
  std::size_t bytes = kept.file.content().size() + kept.file.path().size();
  if (kept.findings)
    for (const Finding &f : *kept.findings) {
      bytes +=
          sizeof(Finding) + f.message.size() + f.before.size() + f.after.size();
      if (f.change)
        for (const Edit &e : f.change->edits)
          bytes += sizeof(Edit) + e.replacement.size();
    }
  return bytes;
}

void IndexCache::keep(std::size_t walk_index, Kept kept) {
  const std::size_t bytes = cost(kept);
  std::lock_guard<std::mutex> lock(mu_);
  if (bytes > budget_ - used_)
    return;
  used_ += bytes;
  kept_.insert_or_assign(walk_index, std::move(kept));
}

std::optional<IndexCache::Kept> IndexCache::take(std::size_t walk_index) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = kept_.find(walk_index);
  if (it == kept_.end())
    return std::nullopt;
  std::optional<Kept> out(std::move(it->second));
  kept_.erase(it);
  used_ -= cost(*out);
  return out;
}

void IndexCache::noCandidate(std::size_t walk_index, std::string_view text) {
  if (nothing_ && nothing_(walk_index, text))
    clean_[walk_index] = 1;
}

} // namespace keyshift::driver
