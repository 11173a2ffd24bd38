#include "match/joined_code.h"

#include <string>

namespace keyshift {

bool dropPrefix(Finding &f, std::size_t prefix, std::string_view unit_name) {
  if (f.range.offset < prefix)
    return false;
  f.range.offset -= prefix;
  f.key_at = f.key_at < prefix ? 0 : f.key_at - prefix;
  if (!f.change)
    return true;
  for (const Edit &e : f.change->edits)
    if (e.range.offset < prefix &&
        (!e.range.empty() || e.range.end() > prefix)) {
      f.change.reset();
      f.after.clear();
      f.kind = FindingKind::NeedsReview;
      f.message += " (the change reaches into an earlier " +
                   std::string(unit_name) + ": not rewritten)";
      return true;
    }
  for (Edit &e : f.change->edits)
    e.range.offset = e.range.offset < prefix ? 0 : e.range.offset - prefix;
  return true;
}

} // namespace keyshift
