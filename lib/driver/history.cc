#include "driver/history.h"

#include "base/language.h"
#include "base/source_file.h"
#include "scan/git_history.h"
#include "scan/git_lister.h"
#include "scan/glob_set.h"

#include <chrono>

namespace keyshift::driver {
namespace {

// Short enough to read, long enough to be unique in large repositories.
constexpr std::size_t kShownCommitLength = 12;

/// The file as far as the patch shows it: each known line at its number,
/// unknown lines empty, so positions, inline ignores (same line or the line
/// above, which -U1 shows) and printers work as on the real file.
std::string sparseContent(const scan::FileDiff &diff) {
  std::string out;
  std::size_t line = 1;
  for (const scan::DiffLine &l : diff.lines) {
    for (; line < l.number; ++line)
      out += '\n';
    out += l.text;
    out += '\n';
    ++line;
  }
  return out;
}

bool onAddedLine(const scan::FileDiff &diff, std::string_view content,
                 std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < content.size(); ++i)
    line += content[i] == '\n';
  for (const scan::DiffLine &l : diff.lines)
    if (l.number == line)
      return l.added;
  return false;
}

} // namespace

Result<RunStats> runHistory(const HistoryRunOptions &options,
                            ReportSink &sink) {
  const auto started = std::chrono::steady_clock::now();
  auto include = scan::GlobSet::compile(options.include);
  if (!include)
    return include.error();
  auto exclude = scan::GlobSet::compile(options.exclude);
  if (!exclude)
    return exclude.error();
  scan::ProcessGitLister git;
  auto root = git.workTreeRoot(options.cwd);
  if (!root)
    return makeError(ErrorCode::Usage, "--history: " + options.cwd +
                                           " is not in a git work tree");

  scan::HistoryOptions ho;
  ho.root = *root;
  ho.range = options.range;
  // Pathspecs relative to the working directory, as git resolves them from
  // there; git -C runs from the root, so they are made absolute.
  for (const std::string &p : options.pathspecs)
    ho.pathspecs.push_back(p.empty() || p[0] == '/' ? p
                                                    : options.cwd + "/" + p);
  // Without the deep scan every key holds "sk-": let git skip other commits.
  if (!options.keys.deep)
    ho.pickaxe = "sk-";

  ProcessOptions po;
  po.baseline = options.baseline;
  po.keys = options.keys;
  po.keys.enabled = true;
  po.baseline_any_file = true;

  RunStats stats;
  auto commits = scan::readHistory(ho, [&](const scan::FileDiff &diff) {
    if ((!include->empty() && !include->matches(diff.path)) ||
        exclude->matches(diff.path))
      return;
    ++stats.files_scanned;
    SourceFile file(diff.path, sparseContent(diff), languageForPath(diff.path));
    FileOutcome outcome = reconcile(file, {}, nullptr, po);
    std::erase_if(outcome.findings, [&](const Finding &f) {
      return !onAddedLine(diff, file.content(), f.range.offset);
    });
    if (outcome.findings.empty())
      return;
    outcome.display_path =
        diff.commit.substr(0, kShownCommitLength) + ":" + diff.path;
    outcome.repo_path = diff.path;
    outcome.revision = diff.commit;
    for (const Finding &f : outcome.findings)
      ++stats.findings_by_kind[std::string(findingKindName(f.kind))];
    sink.file(outcome);
  });
  if (!commits)
    return commits.error();
  sink.note("scanned the lines added by " + std::to_string(*commits) +
            " commit(s)");
  stats.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
  sink.endRun(stats);
  return stats;
}

} // namespace keyshift::driver
