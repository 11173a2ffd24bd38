#include "report/summary_printer.h"

#include "report/attention.h"
#include "report/json_text.h"

namespace keyshift::report {
namespace {

std::string counted(std::size_t n, std::string_view singular,
                    std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

} // namespace

std::string formatSummary(const RunStats &stats, const SummaryCounts &counts,
                          SummaryOptions options) {
  std::size_t findings = 0;
  std::string by_kind;
  for (const auto &[kind, count] : stats.findings_by_kind) {
    if (count == 0)
      continue;
    findings += count;
    if (!by_kind.empty())
      by_kind += ", ";
    by_kind += escapeInvalidUtf8(kind) + " " + std::to_string(count);
  }
  std::string out = "keyshift: ";
  out += counted(stats.files_scanned, "file", "files") + " scanned, ";
  if (options.applied)
    out += counted(counts.written, "file", "files") + " changed, ";
  else
    out += counted(stats.files_changed, "file would change",
                   "files would change") +
           ", ";
  if (counts.needs_review > 0)
    out +=
        counted(counts.needs_review, "site needs review", "sites need review") +
        ", ";
  out += counted(findings, "finding", "findings");
  if (!by_kind.empty())
    out += " (" + by_kind + ")";
  out += ", " + counted(stats.errors, "error", "errors");
  out += ", " + std::to_string(stats.skipped) + " skipped";
  if (!options.deterministic)
    out += " in " + std::to_string(stats.elapsed_ms) + " ms";
  return out;
}

void SummaryPrinter::file(const FileOutcome &outcome) {
  if (outcome.written)
    ++counts_.written;
  for (const Finding &f : outcome.findings)
    if (needsAttention(f))
      ++counts_.needs_review;
}

void SummaryPrinter::endRun(const RunStats &stats) {
  out_ << formatSummary(stats, counts_, options_) << '\n';
  out_.flush();
}

} // namespace keyshift::report
