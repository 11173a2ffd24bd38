#include "cli/interactive_review.h"

#include "base/content_hash.h"
#include "cli/filter_sink.h"
#include "cli/run_command.h"
#include "driver/change_groups.h"
#include "driver/change_selection.h"
#include "report/review_printer.h"
#include "report/text_printer.h"
#include "rewrite/apply.h"
#include "scan/real_file_system.h"
#include "secrets/find_secrets.h"

#include <algorithm>
#include <cctype>
#include <istream>
#include <memory>
#include <set>

namespace keyshift::cli {
namespace {

/// A file of the dry run with a change in it, kept past the run.
struct Reviewed {
  std::unique_ptr<SourceFile> source;
  std::string display_path, repo_path;
  std::uint64_t hash = 0; ///< of the bytes as read (BOM included)
  std::vector<Finding> findings;
};

class Collector final : public ReportSink {
public:
  void file(const FileOutcome &outcome) override {
    if (!outcome.changed() || !outcome.source)
      return;
    Reviewed r;
    r.source = std::make_unique<SourceFile>(*outcome.source);
    r.display_path = outcome.display_path;
    r.repo_path = outcome.repo_path;
    r.hash = contentHash(r.source->withBom(r.source->content()));
    r.findings = outcome.findings;
    files.push_back(std::move(r));
  }
  void problem(const FileProblem &) override {}
  void endRun(const RunStats &) override {}
  std::vector<Reviewed> files;
};

/// What the person sees of a group: per file, its findings and its edits
/// alone applied to the file as read.
std::vector<FileOutcome> groupOutcomes(const std::vector<Reviewed> &files,
                                       const driver::ChangeGroupRef &group) {
  std::vector<FileOutcome> out;
  for (const auto &m : group.members) {
    const Reviewed &r = files[m.file];
    if (out.empty() || out.back().repo_path != r.repo_path) {
      FileOutcome o;
      o.source = r.source.get();
      o.display_path = r.display_path;
      o.repo_path = r.repo_path;
      out.push_back(std::move(o));
    }
    const Finding &f = r.findings[m.finding];
    out.back().findings.push_back(f);
    for (const Edit &e : f.change->edits)
      if (std::none_of(out.back().edits.begin(), out.back().edits.end(),
                       [&](const Edit &have) { return have.sameChange(e); }))
        out.back().edits.push_back(e);
  }
  for (FileOutcome &o : out) {
    std::sort(o.edits.begin(), o.edits.end());
    auto applied = applyEdits(o.source->content(), o.edits);
    // The edits come from one accepted run, so they apply; if not, the
    // diff printer says so rather than show something else.
    o.new_content = applied.ok() ? std::move(applied).value()
                                 : std::string(o.source->content());
  }
  return out;
}

/// The apply run's problems with the accepted files (changed since the
/// review, cannot write); the dry run reported every other one already.
class WriteProblems final : public ReportSink {
public:
  WriteProblems(ReportSink &next, const std::vector<Reviewed> &files,
                const std::set<std::string> &selected) {
    for (const Reviewed &r : files)
      if (selected.count(r.repo_path))
        shown_.insert(r.display_path);
    next_ = &next;
  }
  void file(const FileOutcome &) override {}
  void problem(const FileProblem &p) override {
    if (shown_.count(p.display_path))
      next_->problem(p);
  }
  void endRun(const RunStats &) override {}

private:
  ReportSink *next_ = nullptr;
  std::set<std::string> shown_;
};

enum class Answer { Yes, No, AllInFile, Quit, Help, Unknown };

Answer parseAnswer(const std::string &line) {
  static constexpr std::pair<char, Answer> kKeys[] = {
      {'y', Answer::Yes},  {'n', Answer::No},   {'a', Answer::AllInFile},
      {'q', Answer::Quit}, {'?', Answer::Help}, {'h', Answer::Help}};
  std::size_t at = line.find_first_not_of(" \t\r");
  if (at == std::string::npos)
    return Answer::Unknown;
  char key =
      static_cast<char>(std::tolower(static_cast<unsigned char>(line[at])));
  for (const auto &[k, answer] : kKeys)
    if (k == key)
      return answer;
  return Answer::Unknown;
}

bool touches(const std::vector<Reviewed> &files,
             const driver::ChangeGroupRef &group,
             const std::set<std::string> &paths) {
  return std::any_of(
      group.members.begin(), group.members.end(),
      [&](const auto &m) { return paths.count(files[m.file].repo_path) > 0; });
}

} // namespace

ExitStatus runInteractiveReview(const RawArgs &args, Io &io, RunSetup &setup) {
  if (!io.in || !io.in_is_tty)
    return fail(io, makeError(ErrorCode::Usage,
                              "migrate -i asks its questions on a terminal, "
                              "and stdin is not one: run it from a terminal, "
                              "or review the diff of `keyshift migrate` and "
                              "apply it with --apply"));
  // The dry run: what needs a person goes to stderr as in a plain migrate;
  // the summary waits for the run that writes.
  report::TextPrinter text(io.err, {setup.colour, secrets::redactSecrets});
  FilterSink attention(text, FilterSink::needsAttention,
                       /*keep_changes=*/false);
  Collector collected;
  const bool quiet = setup.quiet;
  setup.quiet = true;
  setup.driver.apply = false;
  auto dry = executeRun(args, io, setup, {&attention, &collected},
                        /*audit_log_on_stdout_ok=*/false);
  setup.quiet = quiet;
  if (!dry.ok())
    return fail(io, dry.error());

  std::vector<driver::GroupInput> inputs;
  for (const Reviewed &r : collected.files)
    inputs.push_back({r.repo_path, &r.findings});
  std::vector<driver::ChangeGroupRef> groups = driver::changeGroups(inputs);
  report::ReviewPrinter printer(
      io.out, {colourWanted(args, io.out_is_tty), secrets::redactSecrets});

  std::vector<bool> accepted(groups.size(), false);
  std::set<std::string> all_in; // files answered with "a"
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (touches(collected.files, groups[g], all_in)) {
      accepted[g] = true;
      continue;
    }
    printer.group(g + 1, groups.size(),
                  groupOutcomes(collected.files, groups[g]), groups[g].envs);
    const std::string &file =
        collected.files[groups[g].members.front().file].display_path;
    Answer answer = Answer::Unknown;
    while (answer == Answer::Unknown || answer == Answer::Help) {
      printer.prompt(file);
      std::string line;
      if (!std::getline(*io.in, line)) {
        answer = Answer::Quit; // end of input: ask nothing more
        break;
      }
      answer = parseAnswer(line);
      if (answer == Answer::Unknown || answer == Answer::Help)
        printer.help(file);
    }
    if (answer == Answer::Quit)
      break;
    accepted[g] = answer != Answer::No;
    if (answer == Answer::AllInFile)
      all_in.insert(collected.files[groups[g].members.front().file].repo_path);
  }

  // A file edited while the person was answering: every group that
  // touches it is dropped whole, before anything is written, so no group
  // lands in some files and not in others. (The apply run checks each file
  // again right before its rename, as --apply does.)
  scan::RealFileSystem fs;
  std::set<std::string> changed;
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (const auto &m : groups[g].members) {
      const Reviewed &r = collected.files[m.file];
      if (!accepted[g] || changed.count(r.repo_path))
        continue;
      std::string abs = r.display_path[0] == '/'
                            ? r.display_path
                            : io.cwd + "/" + r.display_path;
      auto now = fs.readFile(abs);
      if (!now.ok() || contentHash(*now) != r.hash) {
        changed.insert(r.repo_path);
        text.problem(FileProblem{r.display_path, FileProblem::Kind::Error,
                                 "skipped: changed since it was reviewed; "
                                 "the changes that touch it are not applied "
                                 "(run again)"});
      }
    }
  driver::ChangeSelection selection;
  std::size_t count = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (accepted[g] && touches(collected.files, groups[g], changed))
      accepted[g] = false;
    if (!accepted[g])
      continue;
    ++count;
    for (const auto &m : groups[g].members) {
      const Reviewed &r = collected.files[m.file];
      auto &file = selection.files[r.repo_path];
      file.reviewed_hash = r.hash;
      file.accepted.insert(driver::findingId(r.findings[m.finding]));
    }
  }
  printer.done(count, groups.size());
  const ExitStatus dry_status = dry->stats.errors > 0 || !changed.empty()
                                    ? ExitStatus::PartialFailure
                                    : ExitStatus::Clean;
  if (count == 0)
    return dry_status;

  // The run that writes: the same checked path as --apply, limited to what
  // was accepted; needs-review findings were shown by the dry run already.
  setup.driver.apply = true;
  setup.driver.selection = &selection;
  std::set<std::string> written;
  for (const auto &[path, file] : selection.files)
    written.insert(path);
  WriteProblems problems(text, collected.files, written);
  auto applied = executeRun(args, io, setup, {&problems},
                            /*audit_log_on_stdout_ok=*/true);
  if (!applied.ok())
    return fail(io, applied.error());
  return applied->stats.errors > 0 ? ExitStatus::PartialFailure : dry_status;
}

} // namespace keyshift::cli
