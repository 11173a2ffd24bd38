// `migrate --export-fixes FILE`: the proposed edits in the YAML that
// clang-tidy's --export-fixes writes and clang-apply-replacements applies,
// so C++ users review and apply keyshift's changes with the tools they
// already use. One diagnostic per edit, named after its rule; file paths
// are absolute and offsets are bytes of the file on disk.
#ifndef KEYSHIFT_REPORT_REPLACEMENTS_YAML_WRITER_H_
#define KEYSHIFT_REPORT_REPLACEMENTS_YAML_WRITER_H_

#include "report/report_sink.h"

#include <ostream>
#include <string>

namespace keyshift::report {

class ReplacementsYamlWriter : public ReportSink {
public:
  /// `cwd` resolves the relative paths files are reported under.
  ReplacementsYamlWriter(std::ostream &out, std::string cwd)
      : out_(out), cwd_(std::move(cwd)) {}

  void file(const FileOutcome &outcome) override;
  void problem(const FileProblem &) override {}
  /// Writes the document (an empty Diagnostics list when nothing changed).
  void endRun(const RunStats &) override;

private:
  std::ostream &out_;
  std::string cwd_;
  std::string diagnostics_;
};

/// `text` as a YAML double-quoted scalar (escapes for quotes, backslashes
/// and control characters, as JSON spells them; other bytes as they are).
std::string yamlQuoted(std::string_view text);

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_REPLACEMENTS_YAML_WRITER_H_
