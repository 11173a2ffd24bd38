// What `migrate -i` shows a person for each change group (driver/
// change_groups.h): its findings in compiler style, then the diff of just
// that group's edits in each file it touches, then the question. The diff
// is for reading, never for `git apply`: removed keys are redacted.
#ifndef KEYSHIFT_REPORT_REVIEW_PRINTER_H_
#define KEYSHIFT_REPORT_REVIEW_PRINTER_H_

#include "report/redactor.h"
#include "report/report_sink.h"

#include <ostream>
#include <string>
#include <vector>

namespace keyshift::report {

struct ReviewPrinterOptions {
  bool colour = false;
  Redactor redactor; ///< applied to messages and to the diff
};

class ReviewPrinter {
public:
  ReviewPrinter(std::ostream &out, ReviewPrinterOptions options)
      : out_(out), options_(std::move(options)) {}

  /// Group `number` of `total`: `files` hold its findings and its edits
  /// only (new_content is the file with just those applied); `envs` are
  /// the flows that tie it together.
  void group(std::size_t number, std::size_t total,
             const std::vector<FileOutcome> &files,
             const std::vector<std::string> &envs);
  /// The question; `file` is what "a" refers to.
  void prompt(const std::string &file);
  /// What each answer does.
  void help(const std::string &file);
  /// After the last answer: what is applied now.
  void done(std::size_t accepted, std::size_t total);

private:
  std::ostream &out_;
  ReviewPrinterOptions options_;
};

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_REVIEW_PRINTER_H_
