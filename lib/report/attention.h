// Which findings need a person after a run. One definition for what
// `migrate` prints on stderr, what the summary counts as "needs review" and
// what makes `migrate --check` fail, so the three never disagree.
#ifndef KEYSHIFT_REPORT_ATTENTION_H_
#define KEYSHIFT_REPORT_ATTENTION_H_

#include "finding/finding.h"

namespace keyshift::report {

/// A change that could not be made (conflict, broken file), a needs-review
/// site, or anything above a note left as it was (a key left in place, an
/// endpoint held back because a client in its file could not move).
inline bool needsAttention(const Finding &f) {
  return f.action == FindingAction::Skipped ||
         f.kind == FindingKind::NeedsReview ||
         (f.severity != Severity::Note && f.action != FindingAction::Rewritten);
}

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_ATTENTION_H_
