#include "report/audit_log_writer.h"

#include "base/line_index.h"
#include "report/json_text.h"

#include <string>

namespace keyshift::report {
namespace {

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
    appendJsonTextField(out, "rule", f.rule_id);
    appendJsonTextField(out, "kind", findingKindName(f.kind));
    appendJsonTextField(out, "severity", severityName(f.severity));
    appendJsonTextField(out, "action", findingActionName(f.action));
    // "rewritten" is the change keyshift proposes; "applied" says whether
    // --apply wrote it (DECISIONS: the action values stay as they were).
    appendJsonKey(out, "applied");
    out += outcome.written && f.action == FindingAction::Rewritten ? "true"
                                                                   : "false";
    appendJsonTextField(out, "file", outcome.repo_path);
    if (!outcome.revision.empty())
      appendJsonTextField(out, "commit", outcome.revision);
    appendJsonNumberField(out, "line", begin.line);
    appendJsonNumberField(out, "column", begin.column);
    appendJsonNumberField(out, "end_line", end.line);
    appendJsonNumberField(out, "end_column", end.column);
    appendJsonTextField(out, "message",
                        redactWith(options_.redactor, f.message));
    appendJsonTextField(out, "before", redactWith(options_.redactor, f.before));
    appendJsonTextField(out, "after", redactWith(options_.redactor, f.after));
    if (f.secret) {
      appendJsonKey(out, "secret");
      out += "{\"type\":";
      appendJsonText(out, f.secret->type);
      appendJsonTextField(out, "fingerprint", f.secret->fingerprint);
      appendJsonTextField(out, "redacted", f.secret->redacted);
      out += '}';
    }
    // The chain behind the decision (repository plan), when there is one.
    if (!f.related.empty()) {
      appendJsonKey(out, "related");
      out += '[';
      for (std::size_t i = 0; i < f.related.size(); ++i) {
        const RelatedSite &r = f.related[i];
        out += i ? ",{\"file\":" : "{\"file\":";
        appendJsonText(out, r.file);
        appendJsonNumberField(out, "line", r.line);
        appendJsonNumberField(out, "column", r.column);
        appendJsonTextField(out, "message",
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
  appendJsonTextField(out, "kind",
                      problem.kind == FileProblem::Kind::Skipped ? "skipped"
                                                                 : "error");
  appendJsonTextField(out, "message",
                      redactWith(options_.redactor, problem.message));
  out += "}}\n";
  out_ << out;
}

void AuditLogWriter::endRun(const RunStats &stats) {
  std::string out = schemaPrefix();
  out += ",\"summary\":{\"files_scanned\":";
  out += std::to_string(stats.files_scanned);
  appendJsonNumberField(out, "files_changed", stats.files_changed);
  appendJsonKey(out, "findings_by_kind");
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
  appendJsonNumberField(out, "errors", stats.errors);
  appendJsonNumberField(out, "skipped", stats.skipped);
  appendJsonKey(out, "elapsed_ms");
  out += std::to_string(options_.deterministic ? 0 : stats.elapsed_ms);
  out += "}}\n";
  out_ << out;
  out_.flush();
}

} // namespace keyshift::report
