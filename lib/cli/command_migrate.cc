// keyshift migrate [PATH...]: the rewrite, as a unified diff on stdout
// (`| git apply` takes it), or applied in place with --apply.
#include "cli/commands.h"
#include "cli/filter_sink.h"
#include "cli/run_command.h"
#include "report/text_printer.h"
#include "report/unified_diff_printer.h"
#include "secrets/find_secrets.h"

namespace keyshift::cli {

ExitStatus runMigrate(const RawArgs &args, Io &io) {
  bool apply = args.has("apply");
  if (apply && args.has("check"))
    return fail(io, makeError(ErrorCode::Usage,
                              "--apply and --check exclude each other"));
  auto setup = prepareRun(args, io.cwd, io.err_is_tty);
  if (!setup.ok())
    return fail(io, setup.error());
  setup->driver.apply = apply;

  report::UnifiedDiffPrinter diff(io.out);
  report::TextPrinter text(io.err, {setup->colour, secrets::redactSecrets});
  FilterSink attention(text, FilterSink::needsAttention,
                       /*keep_changes=*/false);
  std::vector<ReportSink *> sinks{&attention};
  if (!apply)
    sinks.insert(sinks.begin(), &diff);
  auto result = executeRun(args, io, *setup, sinks, apply);
  if (!result.ok())
    return fail(io, result.error());
  // A diff that could not be built is left out of the patch, never half
  // printed; say which.
  for (const Error &e : diff.errors())
    io.err << "keyshift: error: no diff for this file: " << e.message << "\n";
  if (result->stats.errors > 0 || !diff.errors().empty())
    return ExitStatus::PartialFailure;
  // DESIGN §1: --check fails on changes, and on findings a person must
  // still look at (needs-review, conflicts, keys that stayed).
  if (args.has("check") &&
      (result->stats.files_changed > 0 || result->needs_attention))
    return ExitStatus::Findings;
  return ExitStatus::Clean;
}

} // namespace keyshift::cli
