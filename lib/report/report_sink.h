// The one interface between the pipeline and everything that prints or
// writes results (ripgrep's Sink). The driver calls it in sorted path order
// from a single thread; nothing outside lib/report formats output.
#ifndef KEYSHIFT_REPORT_REPORT_SINK_H_
#define KEYSHIFT_REPORT_REPORT_SINK_H_

#include "base/source_file.h"
#include "finding/finding.h"
#include "rewrite/edit.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace keyshift {

/// One processed file. `source` outlives the call.
struct FileOutcome {
  const SourceFile *source = nullptr;
  std::string display_path; ///< as the user named it (relative to cwd)
  std::string repo_path;    ///< relative to the git work tree (or cwd): a/ b/
  /// `audit --history`: the commit whose added lines these findings are
  /// in (full object name); empty for the working tree or the index.
  std::string revision;
  std::vector<Edit> edits;       ///< accepted edits, sorted, non-overlapping
  std::string new_content;       ///< content() after the edits (no BOM)
  std::vector<Finding> findings; ///< sorted by range, final actions set
  /// The new content was written to disk (--apply, and the write worked):
  /// the audit log's "applied", the summary's "changed".
  bool written = false;
  bool changed() const { return !edits.empty(); }
};

/// A file that was not (fully) processed.
struct FileProblem {
  enum class Kind {
    Skipped, ///< deliberately passed over (binary, too large): not an error
    Error,   ///< could not be processed (unreadable, broken link): exit 3
  };
  std::string display_path;
  Kind kind = Kind::Error;
  std::string message;
};

struct RunStats {
  std::size_t files_scanned = 0;
  std::size_t files_changed = 0;
  std::map<std::string, std::size_t> findings_by_kind; ///< sorted: stable
  std::size_t errors = 0;
  std::size_t skipped = 0;
  std::int64_t elapsed_ms = 0;
};

class ReportSink {
public:
  virtual ~ReportSink() = default;
  /// How many files the run will report on (after the walk); optional.
  virtual void beginRun(std::size_t files) { (void)files; }
  virtual void file(const FileOutcome &outcome) = 0;
  virtual void problem(const FileProblem &problem) = 0;
  /// A remark about the run as a whole ("parsed without a compilation
  /// database: results may be incomplete"); most sinks ignore it.
  virtual void note(const std::string &message) { (void)message; }
  virtual void endRun(const RunStats &stats) = 0;
};

} // namespace keyshift

#endif // KEYSHIFT_REPORT_REPORT_SINK_H_
