#include "base/finding_kind.h"

#include <array>
#include <utility>

namespace keyshift {
namespace {

constexpr std::array<std::pair<FindingKind, std::string_view>, 14> kNames{{
    {FindingKind::ClientConstruction, "client-construction"},
    {FindingKind::ModuleConfig, "module-config"},
    {FindingKind::EnvKeyRef, "env-key-ref"},
    {FindingKind::EnvBaseUrlRef, "env-base-url-ref"},
    {FindingKind::EndpointLiteral, "endpoint-literal"},
    {FindingKind::ConfigKey, "config-key"},
    {FindingKind::ConfigBaseUrl, "config-base-url"},
    {FindingKind::HardcodedKey, "hardcoded-key"},
    {FindingKind::PossibleKey, "possible-key"},
    {FindingKind::AlreadyProxied, "already-proxied"},
    {FindingKind::ModelName, "model-name"},
    {FindingKind::NeedsReview, "needs-review"},
    {FindingKind::RewriteFailed, "rewrite-failed"},
    {FindingKind::Conflict, "conflict"},
}};

} // namespace

std::string_view findingKindName(FindingKind kind) {
  for (const auto &[k, name] : kNames)
    if (k == kind)
      return name;
  return "needs-review";
}

std::optional<FindingKind> findingKindFromName(std::string_view name) {
  for (const auto &[k, n] : kNames)
    if (n == name)
      return k;
  return std::nullopt;
}

const std::vector<FindingKind> &allFindingKinds() {
  static const std::vector<FindingKind> kinds = [] {
    std::vector<FindingKind> out;
    for (const auto &[k, name] : kNames)
      out.push_back(k);
    return out;
  }();
  return kinds;
}

bool ruleMayReport(FindingKind kind) {
  return kind != FindingKind::RewriteFailed && kind != FindingKind::Conflict &&
         kind != FindingKind::PossibleKey;
}

} // namespace keyshift
