// Human-readable findings, one per line in compiler style so editors and
// terminals can jump to them (`keyshift check`, `audit --format text`):
//   src/app.py:3:10: warning: hard-coded OpenAI key [py-hardcoded-key]
//   data/blob.bin: note: skipped: binary file
#ifndef KEYSHIFT_REPORT_TEXT_PRINTER_H_
#define KEYSHIFT_REPORT_TEXT_PRINTER_H_

#include "report/redactor.h"
#include "report/report_sink.h"

#include <ostream>

namespace keyshift::report {

struct TextPrinterOptions {
  /// ANSI colour (bold path, coloured severity); the CLI sets it from isatty.
  bool colour = false;
  /// Applied to messages before they are printed.
  Redactor redactor;
};

class TextPrinter : public ReportSink {
public:
  explicit TextPrinter(std::ostream &out, TextPrinterOptions options = {})
      : out_(out), options_(std::move(options)) {}

  /// One line per finding, in the order received.
  void file(const FileOutcome &outcome) override;
  /// `path: error: message` or `path: note: skipped: message`.
  void problem(const FileProblem &problem) override;
  /// `keyshift: note: message`.
  void note(const std::string &message) override;
  void endRun(const RunStats &) override;

private:
  std::string styled(std::string_view text, std::string_view style) const;

  std::ostream &out_;
  TextPrinterOptions options_;
};

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_TEXT_PRINTER_H_
