#include "finding/base_url_hold.h"

#include <algorithm>

namespace keyshift {

void holdBaseUrls(std::vector<Finding> &findings) {
  bool blocked =
      std::any_of(findings.begin(), findings.end(),
                  [](const Finding &f) { return f.blocks_base_url; });
  if (!blocked)
    return;
  for (Finding &f : findings)
    if (f.change && (f.kind == FindingKind::EndpointLiteral ||
                     f.kind == FindingKind::EnvBaseUrlRef)) {
      f.change.reset();
      f.after.clear();
      f.message += " (not rewritten: a client in this file could not be "
                   "migrated, and this may be its base URL)";
    }
}

} // namespace keyshift
