#include "finding/base_url_hold.h"

#include <algorithm>

namespace keyshift {

void holdBaseUrls(std::vector<Finding> &findings) {
  bool blocked =
      std::any_of(findings.begin(), findings.end(),
                  [](const Finding &f) { return f.blocks_base_url; });
  if (!blocked)
    return;
  std::vector<Edit> held;
  for (Finding &f : findings)
    if (f.change && (f.kind == FindingKind::EndpointLiteral ||
                     f.kind == FindingKind::EnvBaseUrlRef)) {
      held.insert(held.end(), f.change->edits.begin(), f.change->edits.end());
      f.change.reset();
      f.after.clear();
      f.message += " (not rewritten: a client in this file could not be "
                   "migrated, and this may be its base URL)";
    }
  // A key read renamed in the same change as a held URL (the request's
  // Authorization header) stays with it: renamed alone, the proxy key would
  // go to OpenAI.
  for (Finding &f : findings) {
    if (!f.change)
      continue;
    bool shared = std::any_of(
        f.change->edits.begin(), f.change->edits.end(), [&](const Edit &e) {
          return std::any_of(held.begin(), held.end(),
                             [&](const Edit &h) { return h.sameChange(e); });
        });
    if (!shared)
      continue;
    f.change.reset();
    f.after.clear();
    if (!f.secret)
      f.kind = FindingKind::NeedsReview;
    f.message += " (not rewritten: it is sent with an OpenAI URL in this "
                 "file that stays, since a client here could not be "
                 "migrated)";
  }
}

} // namespace keyshift
