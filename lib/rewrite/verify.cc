#include "rewrite/verify.h"

#include "rewrite/apply.h"

#include <algorithm>

namespace keyshift {
namespace {

std::vector<Edit> flatten(const std::vector<ChangeGroup> &groups,
                          const std::vector<bool> &keep) {
  std::vector<Edit> out;
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (keep[i])
      out.insert(out.end(), groups[i].edits.begin(), groups[i].edits.end());
  std::sort(out.begin(), out.end());
  out.erase(
      std::unique(out.begin(), out.end(),
                  [](const Edit &a, const Edit &b) { return a.sameChange(b); }),
      out.end());
  return out;
}

} // namespace

VerifiedEdits verifyGroups(std::string_view content,
                           const std::vector<ChangeGroup> &groups,
                           const SyntaxChecker &checker) {
  VerifiedEdits result;
  if (groups.empty()) {
    result.content = std::string(content);
    return result;
  }
  const std::size_t baseline = checker.errorCount(content);
  std::vector<bool> keep(groups.size(), true);
  auto all = applyEdits(content, flatten(groups, keep));
  if (all.ok() && checker.errorCount(*all) <= baseline) {
    result.edits = flatten(groups, keep);
    result.content = std::move(all).value();
    return result;
  }
  // Something broke the file: find out which groups, one at a time.
  std::fill(keep.begin(), keep.end(), false);
  std::string current(content);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    keep[i] = true;
    auto attempt = applyEdits(content, flatten(groups, keep));
    if (attempt.ok() && checker.errorCount(*attempt) <= baseline) {
      current = std::move(attempt).value();
      continue;
    }
    keep[i] = false;
    result.rejected.push_back(i);
  }
  result.edits = flatten(groups, keep);
  result.content = std::move(current);
  return result;
}

} // namespace keyshift
