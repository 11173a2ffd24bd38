#include "report/text_printer.h"

#include "base/line_index.h"
#include "report/json_text.h"

#include <cstdio>
#include <string>

namespace keyshift::report {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";

// The colours clang uses for diagnostics.
std::string_view severityStyle(Severity s) {
  switch (s) {
  case Severity::Error:
    return "\x1b[1;31m";
  case Severity::Warning:
    return "\x1b[1;35m";
  case Severity::Note:
    return "\x1b[1;36m";
  }
  return kBold;
}

/// One finding per line, and no terminal escapes smuggled in through a file
/// name or snippet: control bytes and invalid UTF-8 are spelled \xNN.
std::string printable(std::string_view text) {
  std::string valid = escapeInvalidUtf8(text);
  std::string out;
  out.reserve(valid.size());
  for (char ch : valid) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += ch;
    }
  }
  return out;
}

} // namespace

std::string TextPrinter::styled(std::string_view text,
                                std::string_view style) const {
  if (!options_.colour)
    return std::string(text);
  std::string out(style);
  out += text;
  out += kReset;
  return out;
}

void TextPrinter::file(const FileOutcome &outcome) {
  if (outcome.findings.empty())
    return;
  std::string_view content =
      outcome.source ? outcome.source->content() : std::string_view();
  LineIndex index(content);
  std::string path = printable(outcome.display_path);
  std::string out;
  for (const Finding &f : outcome.findings) {
    Position at = index.position(f.range.offset);
    out += styled(path + ":" + std::to_string(at.line) + ":" +
                      std::to_string(at.column) + ":",
                  kBold);
    out += ' ';
    out += styled(std::string(severityName(f.severity)) + ":",
                  severityStyle(f.severity));
    out += ' ';
    out += printable(redactWith(options_.redactor, f.message));
    out += " [";
    out += printable(f.rule_id);
    out += "]\n";
  }
  out_ << out;
}

void TextPrinter::note(const std::string &message) {
  out_ << styled("keyshift:", kBold) << ' '
       << styled("note:", severityStyle(Severity::Note)) << ' '
       << printable(redactWith(options_.redactor, message)) << '\n';
}

void TextPrinter::problem(const FileProblem &problem) {
  bool skipped = problem.kind == FileProblem::Kind::Skipped;
  std::string out = styled(printable(problem.display_path) + ":", kBold);
  out += ' ';
  out += skipped ? styled("note:", severityStyle(Severity::Note)) + " skipped:"
                 : styled("error:", severityStyle(Severity::Error));
  out += ' ';
  out += printable(redactWith(options_.redactor, problem.message));
  out += '\n';
  out_ << out;
}

void TextPrinter::endRun(const RunStats &) { out_.flush(); }

} // namespace keyshift::report
