// keyshift init: writes a commented starting .keyshift.json in the current
// directory (never over an existing one without --force).
#include "cli/commands.h"
#include "cli/run_command.h"
#include "config/config_file.h"
#include "config/init_template.h"
#include "config/options.h"
#include "ruleset/embedded_rules.h"
#include "scan/real_file_system.h"

#include <ostream>

namespace keyshift::cli {

ExitStatus runInit(const RawArgs &args, Io &io) {
  auto presets =
      config::parsePresets(ruleset::builtinProxiesJson(), "rules/proxies.json");
  if (!presets.ok())
    return fail(io, presets.error());
  scan::RealFileSystem fs;
  std::string path = io.cwd + "/.keyshift.json";
  auto existing = fs.lstat(path);
  if (existing.ok() && existing->type != scan::FileStat::Type::Missing &&
      !args.has("force"))
    return fail(io, makeError(ErrorCode::Usage,
                              ".keyshift.json already exists (--force "
                              "overwrites it)"));
  std::string preset = args.last("preset").value_or("");
  std::string text = config::initTemplate(*presets, preset);
  if (!preset.empty()) {
    // Resolving the template itself names an unknown preset (with "did you
    // mean") exactly as a .keyshift.json or --preset would.
    auto parsed = config::parseConfig(text, "--preset");
    if (!parsed.ok())
      return fail(io, parsed.error());
    if (auto resolved = config::resolve(*parsed, {}, *presets); !resolved.ok())
      return fail(io, makeError(ErrorCode::Usage, resolved.error().message));
  }
  auto written = fs.writeAtomically(path, text);
  if (!written.ok())
    return fail(io, makeError(ErrorCode::Io, written.error().message));
  if (preset.empty())
    io.err << "keyshift: wrote .keyshift.json; set proxy.preset (or "
              "proxy.base_url and proxy.key_env), then run `keyshift "
              "migrate`\n";
  else
    io.err << "keyshift: wrote .keyshift.json for the " << preset
           << " preset; next: `keyshift migrate .`\n";
  return ExitStatus::Clean;
}

} // namespace keyshift::cli
