#include "report/review_printer.h"

#include "report/text_printer.h"
#include "report/unified_diff.h"
#include "report/unified_diff_printer.h"

namespace keyshift::report {
namespace {

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

} // namespace

void ReviewPrinter::group(std::size_t number, std::size_t total,
                          const std::vector<FileOutcome> &files,
                          const std::vector<std::string> &envs) {
  std::size_t edits = 0;
  for (const FileOutcome &f : files)
    edits += f.edits.size();
  std::string head = "Change " + std::to_string(number) + " of " +
                     std::to_string(total) + ": " + plural(edits, "edit") +
                     " in " + plural(files.size(), "file");
  if (!envs.empty()) {
    head += ", one flow (";
    for (std::size_t i = 0; i < envs.size(); ++i)
      head += (i ? ", " : "") + envs[i];
    head += ") that moves as a whole";
  }
  out_ << (options_.colour ? "\x1b[1m" + head + "\x1b[0m" : head) << "\n";
  TextPrinter findings(out_, {options_.colour, options_.redactor});
  for (const FileOutcome &f : files)
    findings.file(f);
  for (const FileOutcome &f : files) {
    auto diff = unifiedDiff(f);
    if (!diff.ok()) {
      out_ << "(no diff for " << f.display_path << ": "
           << redactWith(options_.redactor, diff.error().message) << ")\n";
      continue;
    }
    std::string text = redactWith(options_.redactor, *diff);
    out_ << (options_.colour ? colourDiff(text) : text);
  }
}

void ReviewPrinter::prompt(const std::string &file) {
  (void)file;
  out_ << "Apply this change [y,n,a,q,?]? " << std::flush;
}

void ReviewPrinter::help(const std::string &file) {
  out_ << "y - apply this change (every edit listed above)\n"
          "n - skip this change (none of its edits)\n"
          "a - apply this change and every later one that touches "
       << file
       << "\n"
          "q - quit: skip this change and every later one; the changes "
          "already accepted are applied\n"
          "? - print this help\n";
}

void ReviewPrinter::done(std::size_t accepted, std::size_t total) {
  if (total == 0) {
    out_ << "keyshift: nothing to change\n" << std::flush;
    return;
  }
  out_ << "keyshift: " << accepted << " of " << plural(total, "change")
       << " accepted" << (accepted ? ": applying them" : ": nothing to apply")
       << "\n"
       << std::flush;
}

} // namespace keyshift::report
