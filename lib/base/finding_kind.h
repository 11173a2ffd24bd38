// What a finding is about (DESIGN §5); shared by rules (ruleset), which
// declare the kind they report, and findings (finding/), which carry it.
// Outputs spell each kind as before: "client-construction", ...
#ifndef KEYSHIFT_BASE_FINDING_KIND_H_
#define KEYSHIFT_BASE_FINDING_KIND_H_

#include <optional>
#include <string_view>
#include <vector>

namespace keyshift {

enum class FindingKind {
  ClientConstruction,
  ModuleConfig,
  EnvKeyRef,
  EnvBaseUrlRef,
  EndpointLiteral,
  ConfigKey,
  ConfigBaseUrl,
  HardcodedKey,
  PossibleKey, ///< the key scanner's: key-shaped, not a known key format
  AlreadyProxied,
  ModelName, ///< a model name passed to the API (`keyshift verify` checks it)
  NeedsReview,
  RewriteFailed, ///< the driver's: an edit that would break the file
  Conflict,      ///< the driver's: an edit overlapping another rule's
};

/// "client-construction", ...: the spelling in rule files and outputs.
std::string_view findingKindName(FindingKind kind);
std::optional<FindingKind> findingKindFromName(std::string_view name);

/// Every kind, in declaration order.
const std::vector<FindingKind> &allFindingKinds();
/// The kinds a rule may declare: all but the driver's own (rewrite-failed,
/// conflict) and the key scanner's possible-key.
bool ruleMayReport(FindingKind kind);

} // namespace keyshift

#endif // KEYSHIFT_BASE_FINDING_KIND_H_
