#include "match/cpp/held_change.h"

namespace keyshift::cpp::detail {

void holdChange(Finding &f, std::string_view why) {
  if (!f.change)
    return;
  f.change.reset();
  f.after.clear();
  if (f.kind != FindingKind::HardcodedKey) // audits count keys by kind
    f.kind = FindingKind::NeedsReview;
  f.action = FindingAction::Reported;
  f.message += " (not rewritten: ";
  f.message += why;
  f.message += ")";
}

} // namespace keyshift::cpp::detail
