// keyshift check FILE... (or --staged): the pre-commit gate. Prints what
// would change and every finding in compiler style; exits 1 when a file
// still talks to OpenAI directly or holds a key, so the commit stops.
#include "cli/commands.h"
#include "cli/run_command.h"
#include "report/text_printer.h"
#include "secrets/find_secrets.h"

namespace keyshift::cli {

ExitStatus runCheck(const RawArgs &args, Io &io) {
  if (args.positional.empty() && !args.has("staged"))
    return fail(io, makeError(ErrorCode::Usage,
                              "check needs the files to check (pre-commit "
                              "passes the staged ones), or --staged"));
  auto setup = prepareRun(args, io.cwd, io.out_is_tty);
  if (!setup.ok())
    return fail(io, setup.error());
  report::TextPrinter text(io.out, {setup->colour, secrets::redactSecrets});
  auto result = executeRun(args, io, *setup, {&text},
                           /*audit_log_on_stdout_ok=*/false);
  if (!result.ok())
    return fail(io, result.error());
  if (result->stats.errors > 0)
    return ExitStatus::PartialFailure;
  // With --kind only those findings count (the keys-only hook).
  bool dirty = result->has_findings ||
               (!args.has("kind") && result->stats.files_changed > 0);
  return dirty ? ExitStatus::Findings : ExitStatus::Clean;
}

} // namespace keyshift::cli
