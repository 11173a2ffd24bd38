#include "driver/flow_gate.h"

#include <algorithm>

namespace keyshift::driver {
namespace {

/// The variable the OpenAI SDKs read a key from when given none.
constexpr std::string_view kSdkKeyVariable = "OPENAI_API_KEY";

std::string site(const FileOutcome &outcome, const Finding &f) {
  std::size_t line = 1;
  if (outcome.source) {
    std::string_view text = outcome.source->content();
    line += static_cast<std::size_t>(std::count(
        text.begin(),
        text.begin() +
            static_cast<std::ptrdiff_t>(std::min(f.range.offset, text.size())),
        '\n'));
  }
  return outcome.display_path + ":" + std::to_string(line);
}

} // namespace

bool waitsForCode(Language language) {
  return language == Language::Env || language == Language::Yaml ||
         language == Language::Json || language == Language::Toml;
}

void FlowGate::observe(const FileOutcome &outcome) {
  for (const Finding &f : outcome.findings) {
    if (f.action == FindingAction::Rewritten)
      continue;
    if (!f.env_name.empty())
      kept_.emplace(f.env_name, site(outcome, f));
    bool client_stays =
        f.blocks_base_url || ((f.kind == FindingKind::ClientConstruction ||
                               f.kind == FindingKind::ModuleConfig) &&
                              f.change);
    if (client_stays)
      kept_.emplace(std::string(kSdkKeyVariable), site(outcome, f));
  }
}

void FlowGate::veto(std::vector<Finding> &findings) const {
  for (Finding &f : findings) {
    if (!f.change || f.flow.empty())
      continue;
    auto kept = kept_.find(f.flow);
    if (kept == kept_.end())
      continue;
    f.change.reset();
    f.after.clear();
    f.kind = FindingKind::NeedsReview;
    f.message += " (not changed: " + f.flow +
                 " is also read by code that is not migrated in this run, " +
                 kept->second +
                 "; a variable moves to the proxy everywhere or nowhere)";
  }
}

} // namespace keyshift::driver
