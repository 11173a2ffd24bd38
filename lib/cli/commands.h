// The subcommand table (ninja's kTools): name, one-line summary, handler.
// Each handler lives in its own command_<name>.cc.
#ifndef KEYSHIFT_CLI_COMMANDS_H_
#define KEYSHIFT_CLI_COMMANDS_H_

#include "base/exit_status.h"
#include "cli/args.h"

#include <iosfwd>
#include <string_view>
#include <vector>

namespace keyshift::driver {
struct TestHooks;
}

namespace keyshift::cli {

/// Where a command prints, and the working directory it resolves paths in.
struct Io {
  std::ostream &out;
  std::ostream &err;
  std::string cwd;
  bool out_is_tty = false;
  bool err_is_tty = false;
  /// Test-only: handed to the driver (driver::DriverOptions::test_hooks).
  const driver::TestHooks *test_hooks = nullptr;
  /// Where `migrate -i` reads its answers (stdin for the binary; null:
  /// nothing to read from), and whether it is a terminal.
  std::istream *in = nullptr;
  bool in_is_tty = false;
};

using Handler = ExitStatus (*)(const RawArgs &, Io &);

struct Command {
  std::string_view name;
  std::string_view synopsis; ///< "migrate [PATH...]"
  std::string_view summary;
  Handler handler;
};

const std::vector<Command> &commandTable();

ExitStatus runMigrate(const RawArgs &args, Io &io);
ExitStatus runAudit(const RawArgs &args, Io &io);
ExitStatus runCheck(const RawArgs &args, Io &io);
ExitStatus runRules(const RawArgs &args, Io &io);
ExitStatus runTestRules(const RawArgs &args, Io &io);
ExitStatus runPresets(const RawArgs &args, Io &io);
ExitStatus runInit(const RawArgs &args, Io &io);
ExitStatus runVerify(const RawArgs &args, Io &io);

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_COMMANDS_H_
