// `migrate --format json`: the proposed edits as JSON Lines, one object per
// changed file, for tools that apply or review changes themselves:
//   {"schema":1,"file":"src/app.py","edits":[{"rule":"...","offset":120,
//    "length":8,"line":8,"column":10,"end_line":8,"end_column":18,
//    "replacement":"..."}]}
// Offsets and lengths are bytes of the file on disk (a UTF-8 BOM counted);
// lines and columns are 1-based, columns in bytes, as in the audit log.
#ifndef KEYSHIFT_REPORT_EDITS_JSON_WRITER_H_
#define KEYSHIFT_REPORT_EDITS_JSON_WRITER_H_

#include "report/report_sink.h"

#include <ostream>

namespace keyshift::report {

class EditsJsonWriter : public ReportSink {
public:
  explicit EditsJsonWriter(std::ostream &out) : out_(out) {}

  void file(const FileOutcome &outcome) override;
  void problem(const FileProblem &) override {}
  void endRun(const RunStats &) override { out_.flush(); }

private:
  std::ostream &out_;
};

/// Where an edit starts in the file on disk: content() offsets skip the BOM.
std::size_t diskOffset(const FileOutcome &outcome, const Edit &edit);

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_EDITS_JSON_WRITER_H_
