// Command-line parsing, low layer (ripgrep's lowargs): argv -> RawArgs with
// no interpretation beyond the flag table. Every flag is defined once, in
// kFlags (args.cc), which also generates `--help`.
#ifndef KEYSHIFT_CLI_ARGS_H_
#define KEYSHIFT_CLI_ARGS_H_

#include "base/error.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::cli {

struct FlagDef {
  std::string_view name;       ///< long name without dashes
  char short_name = 0;         ///< 0 when none
  std::string_view value_name; ///< empty for boolean flags
  bool repeatable = false;
  std::string_view help;
  std::string_view commands; ///< space-separated subcommands it applies to
  /// The value may be left out (`--history`), and is then "": given only
  /// as `--flag=VALUE`, so a following PATH is never taken for it.
  bool optional_value = false;
};

const std::vector<FlagDef> &flagTable();

/// Whether `f` is accepted by `command` (global flags: by every command).
bool appliesTo(const FlagDef &f, std::string_view command);

struct RawArgs {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>, std::less<>> values;
  bool has(std::string_view flag) const { return values.count(flag) > 0; }
  std::optional<std::string> last(std::string_view flag) const;
  std::vector<std::string> all(std::string_view flag) const;
};

/// Usage errors name the flag and suggest the closest one.
Result<RawArgs> parseArgs(const std::vector<std::string> &argv);

/// `--help` text: for one subcommand, or the overview when `command` is "".
std::string usage(std::string_view command);

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_ARGS_H_
