// `keyshift audit --format html`: one self-contained page (inline CSS and
// script, no network, no external assets) for reviewing a whole repository:
// the proxy settings used, totals per kind and severity, kind filters, and a
// table per file (line, rule, message, redacted source line, the proposed
// edit as before/after). Every text from a file goes through the redactor
// and is HTML-escaped. Buffered, written at endRun.
#ifndef KEYSHIFT_REPORT_HTML_REPORT_WRITER_H_
#define KEYSHIFT_REPORT_HTML_REPORT_WRITER_H_

#include "report/redactor.h"
#include "report/report_sink.h"

#include <ostream>
#include <string>
#include <vector>

namespace keyshift::report {

struct HtmlReportOptions {
  /// Shown in the "Proxy" section; all empty when none is configured
  /// (a keys-only audit).
  std::string preset, base_url, key_env, base_url_env;
  Redactor redactor;
};

class HtmlReportWriter : public ReportSink {
public:
  HtmlReportWriter(std::ostream &out, HtmlReportOptions options);

  void file(const FileOutcome &outcome) override;
  void problem(const FileProblem &problem) override;
  void endRun(const RunStats &stats) override;

private:
  struct Row {
    std::string kind, severity, rule, message, snippet, before, after;
    std::size_t line = 0;
  };
  struct FileRows {
    std::string path;
    std::vector<Row> rows;
  };

  std::ostream &out_;
  HtmlReportOptions options_;
  std::vector<FileRows> files_;
  std::vector<FileProblem> problems_;
};

/// `text` with & < > " ' as character references.
std::string htmlEscape(std::string_view text);

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_HTML_REPORT_WRITER_H_
