#include "finding/finding.h"

namespace keyshift {

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
