#include "report/unified_diff_printer.h"

#include "report/unified_diff.h"

namespace keyshift::report {

std::string colourDiff(std::string_view diff) {
  std::string out;
  out.reserve(diff.size() + diff.size() / 4);
  bool header = false; // between "diff --git" and the first hunk
  while (!diff.empty()) {
    std::size_t eol = diff.find('\n');
    std::string_view line =
        diff.substr(0, eol == std::string_view::npos ? diff.size() : eol);
    diff.remove_prefix(eol == std::string_view::npos ? diff.size() : eol + 1);
    std::string_view style;
    if (line.starts_with("diff "))
      header = true;
    else if (line.starts_with("@@"))
      header = false;
    if (header)
      style = "\x1b[1m";
    else if (line.starts_with("@@"))
      style = "\x1b[36m";
    else if (line.starts_with("-"))
      style = "\x1b[31m";
    else if (line.starts_with("+"))
      style = "\x1b[32m";
    if (style.empty()) {
      out += line;
    } else {
      out += style;
      out += line;
      out += "\x1b[m";
    }
    out += '\n';
  }
  return out;
}

void UnifiedDiffPrinter::file(const FileOutcome &outcome) {
  if (!outcome.changed())
    return;
  auto diff = unifiedDiff(outcome);
  if (!diff) {
    errors_.push_back(diff.error());
    return;
  }
  out_ << (colour_ ? colourDiff(*diff) : *diff);
}

void UnifiedDiffPrinter::endRun(const RunStats &) { out_.flush(); }

} // namespace keyshift::report
