#include "cli/run_main.h"

#include "base/edit_distance.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/quoted_text.h"
#include "cli/shell_docs.h"
#include "scan/real_file_system.h"

#include <filesystem>
#include <iostream>
#include <sstream>
#include <unistd.h>

#ifndef KEYSHIFT_VERSION
#error "KEYSHIFT_VERSION comes from CMake's project(VERSION)"
#endif

namespace keyshift::cli {
namespace {

/// Runs a command with -o/--output FILE: what it prints on stdout is
/// collected and written to FILE atomically at the end, so a failed or
/// interrupted run never leaves half a report (a usage error writes none).
ExitStatus runToFile(const Command &command, const RawArgs &args, Io &io,
                     const std::string &path) {
  std::ostringstream collected;
  Io to_file{collected,     io.err,        io.cwd, false,
             io.err_is_tty, io.test_hooks, io.in,  false};
  ExitStatus status = command.handler(args, to_file);
  if (status == ExitStatus::UsageError)
    return status;
  std::string abs = path[0] == '/' ? path : io.cwd + "/" + path;
  scan::RealFileSystem fs;
  auto written = fs.writeAtomically(abs, collected.str());
  if (!written.ok()) {
    io.err << "keyshift: error: "
           << safeText("--output " + path + ": " + written.error().message)
           << "\n";
    return ExitStatus::PartialFailure;
  }
  return status;
}

} // namespace

int runMain(int argc, char **argv, std::ostream &out, std::ostream &err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::error_code ec;
  std::string cwd = std::filesystem::current_path(ec).string();
  return runMain(args, out, err, cwd);
}

int runMain(const std::vector<std::string> &argv, std::ostream &out,
            std::ostream &err, const std::string &cwd,
            const driver::TestHooks *test_hooks) {
  Io io{out, err, cwd, false, false, test_hooks};
  if (&out == &std::cout)
    io.out_is_tty = isatty(STDOUT_FILENO) != 0;
  if (&err == &std::cerr)
    io.err_is_tty = isatty(STDERR_FILENO) != 0;
  if (&out == &std::cout) { // the binary, not a test's streams
    io.in = &std::cin;
    io.in_is_tty = isatty(STDIN_FILENO) != 0;
  }
  auto parsed = parseArgs(argv);
  if (!parsed.ok()) {
    err << "keyshift: error: " << safeText(parsed.error().message) << "\n"
        << "run `keyshift --help` for usage\n";
    return toInt(ExitStatus::UsageError);
  }
  const RawArgs &args = *parsed;
  if (args.has("version")) {
    out << "keyshift " << KEYSHIFT_VERSION << "\n";
    return 0;
  }
  // Hidden: the man page and shell completions, for the build and packages.
  if (args.command == "__generate") {
    auto text =
        generateShellDoc(args.positional.empty() ? "" : args.positional.front(),
                         KEYSHIFT_VERSION);
    if (!text) {
      err << "keyshift: error: __generate man|bash|zsh|fish\n";
      return toInt(ExitStatus::UsageError);
    }
    out << *text;
    return 0;
  }
  if (args.command.empty()) {
    (args.has("help") ? out : err) << usage("");
    return toInt(args.has("help") ? ExitStatus::Clean : ExitStatus::UsageError);
  }
  std::vector<std::string> names;
  for (const Command &c : commandTable()) {
    if (c.name == args.command) {
      if (args.has("help")) {
        out << usage(c.name);
        return 0;
      }
      if (auto path = args.last("output"))
        return toInt(runToFile(c, args, io, *path));
      return toInt(c.handler(args, io));
    }
    names.emplace_back(c.name);
  }
  if (args.command == "help") {
    out << usage(args.positional.empty() ? "" : args.positional.front());
    return 0;
  }
  err << "keyshift: error: "
      << safeText("unknown command '" + args.command + "'" +
                  didYouMean(args.command, names))
      << "\nrun `keyshift --help` for usage\n";
  return toInt(ExitStatus::UsageError);
}

} // namespace keyshift::cli
