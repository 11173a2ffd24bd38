#include "report/audit_log_writer.h"

#include "base/line_index.h"
#include "report/json_text.h"

#include <string>

namespace keyshift::report {
namespace {

void appendKey(std::string &out, std::string_view key) {
  out += ',';
  appendJsonString(out, key);
  out += ':';
}

void appendTextField(std::string &out, std::string_view key,
                     std::string_view value) {
  appendKey(out, key);
  appendJsonText(out, value);
}

void appendNumberField(std::string &out, std::string_view key,
                       std::size_t value) {
  appendKey(out, key);
  out += std::to_string(value);
}

std::string schemaPrefix() {
  return "{\"schema\":" + std::to_string(kAuditLogSchema);
}

} // namespace

void AuditLogWriter::file(const FileOutcome &outcome) {
  if (outcome.findings.empty())
    return;
  std::string_view content =
      outcome.source ? outcome.source->content() : std::string_view();
  LineIndex index(content);
  std::string out;
  for (const Finding &f : outcome.findings) {
    Position begin = index.position(f.range.offset);
    Position end = index.position(f.range.end());
    out += schemaPrefix();
    appendTextField(out, "rule", f.rule_id);
    appendTextField(out, "kind", findingKindName(f.kind));
    appendTextField(out, "severity", severityName(f.severity));
    appendTextField(out, "action", findingActionName(f.action));
    appendTextField(out, "file", outcome.repo_path);
    appendNumberField(out, "line", begin.line);
    appendNumberField(out, "column", begin.column);
    appendNumberField(out, "end_line", end.line);
    appendNumberField(out, "end_column", end.column);
    appendTextField(out, "message", redactWith(options_.redactor, f.message));
    appendTextField(out, "before", redactWith(options_.redactor, f.before));
    appendTextField(out, "after", redactWith(options_.redactor, f.after));
    if (f.secret) {
      appendKey(out, "secret");
      out += "{\"type\":";
      appendJsonText(out, f.secret->type);
      appendTextField(out, "fingerprint", f.secret->fingerprint);
      appendTextField(out, "redacted", f.secret->redacted);
      out += '}';
    }
    // The chain behind the decision (repository plan), when there is one.
    if (!f.related.empty()) {
      appendKey(out, "related");
      out += '[';
      for (std::size_t i = 0; i < f.related.size(); ++i) {
        const RelatedSite &r = f.related[i];
        out += i ? ",{\"file\":" : "{\"file\":";
        appendJsonText(out, r.file);
        appendNumberField(out, "line", r.line);
        appendNumberField(out, "column", r.column);
        appendTextField(out, "message",
                        redactWith(options_.redactor, r.message));
        out += '}';
      }
      out += ']';
    }
    out += "}\n";
  }
  out_ << out;
}

void AuditLogWriter::problem(const FileProblem &problem) {
  std::string out = schemaPrefix();
  out += ",\"problem\":{\"file\":";
  appendJsonText(out, problem.display_path);
  appendTextField(out, "kind",
                  problem.kind == FileProblem::Kind::Skipped ? "skipped"
                                                             : "error");
  appendTextField(out, "message",
                  redactWith(options_.redactor, problem.message));
  out += "}}\n";
  out_ << out;
}

void AuditLogWriter::endRun(const RunStats &stats) {
  std::string out = schemaPrefix();
  out += ",\"summary\":{\"files_scanned\":";
  out += std::to_string(stats.files_scanned);
  appendNumberField(out, "files_changed", stats.files_changed);
  appendKey(out, "findings_by_kind");
  out += '{';
  bool first = true;
  for (const auto &[kind, count] : stats.findings_by_kind) {
    if (!first)
      out += ',';
    first = false;
    // An object key cannot be {"bytes":...}; kinds are ASCII in practice.
    appendJsonString(out, escapeInvalidUtf8(kind));
    out += ':';
    out += std::to_string(count);
  }
  out += '}';
  appendNumberField(out, "errors", stats.errors);
  appendNumberField(out, "skipped", stats.skipped);
  appendKey(out, "elapsed_ms");
  out += std::to_string(options_.deterministic ? 0 : stats.elapsed_ms);
  out += "}}\n";
  out_ << out;
  out_.flush();
}

} // namespace keyshift::report
