#include "finding/finding.h"

namespace keyshift {

std::string whereIs(const RelatedSite &site) {
  return site.file + ":" + std::to_string(site.line);
}

std::string_view findingActionName(FindingAction a) {
  switch (a) {
  case FindingAction::Rewritten:
    return "rewritten";
  case FindingAction::Reported:
    return "reported";
  case FindingAction::Skipped:
    return "skipped";
  }
  return "reported";
}

} // namespace keyshift
