// How serious a finding is; shared by rules (ruleset) and findings (match).
#ifndef KEYSHIFT_BASE_SEVERITY_H_
#define KEYSHIFT_BASE_SEVERITY_H_

#include <optional>
#include <string_view>

namespace keyshift {

enum class Severity { Note, Warning, Error };

/// "note", "warning", "error": the spelling in rule files and outputs.
std::string_view severityName(Severity s);
std::optional<Severity> severityFromName(std::string_view name);

} // namespace keyshift

#endif // KEYSHIFT_BASE_SEVERITY_H_
