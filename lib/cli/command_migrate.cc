// keyshift migrate [PATH...]: the rewrite, as a unified diff on stdout
// (`| git apply` takes it), as the edits in JSON, or applied in place with
// --apply; --export-fixes also writes them for clang-apply-replacements.
#include "cli/commands.h"
#include "cli/filter_sink.h"
#include "cli/interactive_review.h"
#include "cli/quoted_text.h"
#include "cli/run_command.h"
#include "report/edits_json_writer.h"
#include "report/replacements_yaml_writer.h"
#include "report/text_printer.h"
#include "report/unified_diff_printer.h"
#include "scan/real_file_system.h"
#include "secrets/find_secrets.h"

#include <sstream>

namespace keyshift::cli {
namespace {

/// The command that applies what a dry run showed: same paths, --apply.
std::string applyCommand(const RawArgs &args) {
  std::string out = "keyshift migrate --apply";
  for (const std::string &p : args.positional) {
    bool plain = p.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
                                     "OPQRSTUVWXYZ0123456789_-./=+:,@") ==
                 std::string::npos;
    out += plain ? " " + p : " '" + p + "'";
  }
  return out;
}

} // namespace

ExitStatus runMigrate(const RawArgs &args, Io &io) {
  bool apply = args.has("apply");
  if (apply && args.has("check"))
    return fail(io, makeError(ErrorCode::Usage,
                              "--apply and --check exclude each other"));
  std::string format = args.last("format").value_or("diff");
  if (format != "diff" && format != "json")
    return fail(io, makeError(ErrorCode::Usage,
                              "migrate --format takes diff or json, not '" +
                                  format + "'"));
  const bool interactive = args.has("interactive");
  for (std::string_view other : {"apply", "check", "export-fixes", "output"})
    if (interactive && args.has(other))
      return fail(io, makeError(ErrorCode::Usage,
                                "-i/--interactive and --" + std::string(other) +
                                    " exclude each other (-i applies what "
                                    "you accept)"));
  if (interactive && format != "diff")
    return fail(io, makeError(ErrorCode::Usage,
                              "-i/--interactive shows diffs: leave out "
                              "--format " +
                                  format));
  auto setup = prepareRun(args, io.cwd, io.err_is_tty);
  if (!setup.ok())
    return fail(io, setup.error());
  if (interactive)
    return runInteractiveReview(args, io, *setup);
  setup->driver.apply = apply;

  report::UnifiedDiffPrinter diff(io.out, colourWanted(args, io.out_is_tty));
  report::EditsJsonWriter edits(io.out);
  report::TextPrinter text(io.err, {setup->colour, secrets::redactSecrets});
  FilterSink attention(text, FilterSink::needsAttention,
                       /*keep_changes=*/false);
  std::vector<ReportSink *> sinks{&attention};
  if (!apply)
    sinks.insert(sinks.begin(),
                 format == "json" ? static_cast<ReportSink *>(&edits) : &diff);
  std::ostringstream fixes_text;
  report::ReplacementsYamlWriter fixes(fixes_text, io.cwd);
  auto fixes_path = args.last("export-fixes");
  if (fixes_path)
    sinks.push_back(&fixes);
  auto result = executeRun(args, io, *setup, sinks, apply);
  if (!result.ok())
    return fail(io, result.error());
  if (fixes_path) {
    std::string abs =
        (*fixes_path)[0] == '/' ? *fixes_path : io.cwd + "/" + *fixes_path;
    scan::RealFileSystem fs;
    auto written = fs.writeAtomically(abs, fixes_text.str());
    if (!written.ok())
      return fail(io,
                  makeError(ErrorCode::Io, "--export-fixes " + *fixes_path +
                                               ": " + written.error().message));
  }
  // A diff that could not be built is left out of the patch, never half
  // printed; say which.
  for (const Error &e : diff.errors())
    io.err << "keyshift: error: no diff for this file: " << safeText(e.message)
           << "\n";
  if (result->stats.errors > 0 || !diff.errors().empty())
    return ExitStatus::PartialFailure;
  if (!apply && !setup->quiet && result->stats.files_changed > 0)
    io.err << "keyshift: apply with: " << safeText(applyCommand(args))
           << (format == "diff"
                   ? " (or `git apply` this diff at the top of the work tree)"
                   : "")
           << "\n";
  // DESIGN §1: --check fails on changes, and on findings a person must
  // still look at (needs-review, conflicts, keys that stayed).
  if (args.has("check") &&
      (result->stats.files_changed > 0 || result->needs_attention))
    return ExitStatus::Findings;
  return ExitStatus::Clean;
}

} // namespace keyshift::cli
