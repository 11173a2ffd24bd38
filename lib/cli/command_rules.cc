// keyshift rules: the loaded rules with their ids (built-ins, --rules
// files, minus --disable), one per line.
#include "cli/commands.h"
#include "cli/run_command.h"
#include "cli/run_setup.h"

#include <ostream>

namespace keyshift::cli {

ExitStatus runRules(const RawArgs &args, Io &io) {
  auto overrides = overridesFrom(args);
  if (!overrides.ok())
    return fail(io, overrides.error());
  config::Options options;
  options.extra = overrides->extra.value_or(std::vector<std::string>{});
  options.disable = overrides->disable.value_or(std::vector<std::string>{});
  options.config_dir = io.cwd;
  auto rules = loadRules(options);
  if (!rules.ok())
    return fail(io, rules.error());
  bool verbose = args.has("verbose");
  for (const ruleset::Rule &r : rules->rules()) {
    std::string id = r.id;
    io.out << id << std::string(id.size() < 32 ? 32 - id.size() : 1, ' ')
           << languageName(r.language) << "  " << severityName(r.severity)
           << "  " << r.message << "\n";
    if (verbose) {
      if (!r.description.empty())
        io.out << "    " << r.description << "\n";
      io.out << "    kind: " << r.kind
             << ", action: " << ruleset::actionTypeName(r.action.type)
             << ", source: " << r.source << "\n";
    }
  }
  return ExitStatus::Clean;
}

} // namespace keyshift::cli
