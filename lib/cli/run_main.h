// The whole command-line tool as a library call: tools/keyshift/main.cc and
// the CLI tests both call runMain.
#ifndef KEYSHIFT_CLI_RUN_MAIN_H_
#define KEYSHIFT_CLI_RUN_MAIN_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace keyshift::driver {
struct TestHooks;
}

namespace keyshift::cli {

/// Returns the process exit code (base/exit_status.h).
int runMain(int argc, char **argv, std::ostream &out, std::ostream &err);
/// `test_hooks` (tests only) reach the driver of migrate, audit and check.
int runMain(const std::vector<std::string> &argv, std::ostream &out,
            std::ostream &err, const std::string &cwd,
            const driver::TestHooks *test_hooks = nullptr);

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_RUN_MAIN_H_
