// keyshift init: writes a commented starting .keyshift.json in the current
// directory (never over an existing one without --force).
#include "cli/commands.h"
#include "cli/run_command.h"
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
  auto written = fs.writeAtomically(path, config::initTemplate(*presets));
  if (!written.ok())
    return fail(io, makeError(ErrorCode::Io, written.error().message));
  io.err << "keyshift: wrote .keyshift.json; set proxy.preset (or "
            "proxy.base_url and proxy.key_env), then run `keyshift migrate`\n";
  return ExitStatus::Clean;
}

} // namespace keyshift::cli
