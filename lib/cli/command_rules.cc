// keyshift rules: the loaded rules with their ids (built-ins, --rules
// files, minus --disable), one per line.
#include "cli/commands.h"
#include "cli/quoted_text.h"
#include "cli/run_command.h"
#include "cli/run_setup.h"
#include "secrets/key_findings.h"

#include <ostream>

namespace keyshift::cli {

ExitStatus runRules(const RawArgs &args, Io &io) {
  auto overrides = overridesFrom(args, io.cwd);
  if (!overrides.ok())
    return fail(io, overrides.error());
  config::Options options;
  options.extra = overrides->extra.value_or(std::vector<std::string>{});
  options.disable = overrides->disable.value_or(std::vector<std::string>{});
  options.config_dir = io.cwd;
  driver::KeyScanOptions keys;
  takeScannerDisables(options.disable, keys);
  auto rules = loadRules(options);
  if (!rules.ok())
    return fail(io, rules.error());
  bool verbose = args.has("verbose");
  auto print = [&](std::string_view id, std::string_view lang, Severity s,
                   std::string_view message) {
    std::string sev(severityName(s));
    io.out << id << std::string(id.size() < 32 ? 32 - id.size() : 1, ' ')
           << lang << std::string(lang.size() < 8 ? 8 - lang.size() : 1, ' ')
           << sev << std::string(sev.size() < 9 ? 9 - sev.size() : 1, ' ')
           << safeText(message) << "\n";
  };
  for (const ruleset::Rule &r : rules->rules()) {
    print(r.id, languageName(r.language), r.severity, r.message);
    if (verbose) {
      if (!r.description.empty())
        io.out << "    " << safeText(r.description) << "\n";
      io.out << "    kind: " << findingKindName(r.kind)
             << ", action: " << ruleset::actionTypeName(r.action.type)
             << ", source: " << safeText(r.source);
      // One file, several languages: say which rules come from it.
      if (r.languages.size() > 1) {
        io.out << " (for";
        for (std::size_t i = 0; i < r.languages.size(); ++i)
          io.out << (i ? ", " : " ") << languageName(r.languages[i]);
        io.out << ")";
      }
      io.out << "\n";
    }
  }
  // The byte scanner's rules: every text file, whatever its language.
  for (const secrets::ScannerRule &r : secrets::scannerRules()) {
    if ((r.id == secrets::kKeyRuleId && !keys.enabled) ||
        (r.id == secrets::kPossibleKeyRuleId && !keys.possible))
      continue;
    print(r.id, "any", r.severity, r.message);
    if (verbose)
      io.out << "    " << r.description
             << "\n    kind: " << findingKindName(r.kind)
             << ", action: report-only, source: built-in (byte scanner)\n";
  }
  return ExitStatus::Clean;
}

} // namespace keyshift::cli
