// Command-line parsing, high layer (ripgrep's hiargs): RawArgs + the
// discovered .keyshift.json -> everything a run needs (resolved options,
// rule set, engines, driver options). All configuration errors surface
// here, before any file is read, and exit 2.
#ifndef KEYSHIFT_CLI_RUN_SETUP_H_
#define KEYSHIFT_CLI_RUN_SETUP_H_

#include "base/error.h"
#include "cli/args.h"
#include "config/options.h"
#include "config/presets.h"
#include "driver/driver.h"
#include "driver/engines.h"
#include "ruleset/rule_set.h"
#include "scan/file_system.h"
#include "scan/git_lister.h"
#include "secrets/baseline.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace keyshift::cli {

struct RunSetup {
  config::Options options;
  ruleset::RuleSet rules;
  std::unique_ptr<driver::Engines> engines;
  std::unique_ptr<secrets::Baseline> baseline;
  driver::DriverOptions driver;
  bool colour = false;
  bool deterministic = false;
  bool quiet = false;
  /// False for a keys-only audit with no proxy anywhere: no engine runs,
  /// the byte scanner alone reports keys (with no fix).
  bool proxy_configured = true;
  /// --staged: the index as a file system (null: the working tree).
  std::unique_ptr<scan::FileSystem> fs;
  std::unique_ptr<scan::GitLister> git;
  /// --history: the revision range ("" = all history).
  std::optional<std::string> history;
  /// Remarks for every sink before the run starts.
  std::vector<std::string> notes;
};

/// True when only key findings are asked for (--history, or --kind with
/// hardcoded-key and/or possible-key only): no proxy configuration needed.
bool keysOnly(const RawArgs &args);

/// Removes the byte scanner's rule ids (secrets.hardcoded-key,
/// secrets.possible-key) from `disable`, which the rule set does not know,
/// and turns those parts of the scanner off in `keys`.
void takeScannerDisables(std::vector<std::string> &disable,
                         driver::KeyScanOptions &keys);

/// `cwd` is absolute; `colour_default` is whether the stream is a TTY.
Result<RunSetup> prepareRun(const RawArgs &args, const std::string &cwd,
                            bool colour_default);

/// --color for one stream (prepareRun has checked the value): always, or
/// auto on a terminal.
bool colourWanted(const RawArgs &args, bool is_tty);

/// Flags to config overrides, shared with commands that only need rules.
/// Paths given on the command line are relative to `cwd` (paths in a
/// .keyshift.json are relative to its folder), so they are made absolute.
Result<config::Overrides> overridesFrom(const RawArgs &args,
                                        const std::string &cwd);
/// The rule set the options ask for (built-ins + extra - disabled).
Result<ruleset::RuleSet> loadRules(const config::Options &options);

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_RUN_SETUP_H_
