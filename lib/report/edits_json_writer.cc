#include "report/edits_json_writer.h"

#include "base/line_index.h"
#include "report/audit_log_writer.h"
#include "report/json_text.h"

namespace keyshift::report {

std::size_t diskOffset(const FileOutcome &outcome, const Edit &edit) {
  bool bom = outcome.source && outcome.source->hasBom();
  return edit.range.offset + (bom ? SourceFile::kUtf8Bom.size() : 0);
}

void EditsJsonWriter::file(const FileOutcome &outcome) {
  if (!outcome.changed())
    return;
  std::string_view content =
      outcome.source ? outcome.source->content() : std::string_view();
  LineIndex index(content);
  std::string out = "{\"schema\":" + std::to_string(kAuditLogSchema);
  appendJsonTextField(out, "file", outcome.repo_path);
  appendJsonKey(out, "edits");
  out += '[';
  bool first = true;
  for (const Edit &e : outcome.edits) {
    Position begin = index.position(e.range.offset);
    Position end = index.position(e.range.end());
    out += first ? "{" : ",{";
    first = false;
    out += "\"rule\":";
    appendJsonText(out, e.rule_id);
    appendJsonNumberField(out, "offset", diskOffset(outcome, e));
    appendJsonNumberField(out, "length", e.range.length);
    appendJsonNumberField(out, "line", begin.line);
    appendJsonNumberField(out, "column", begin.column);
    appendJsonNumberField(out, "end_line", end.line);
    appendJsonNumberField(out, "end_column", end.column);
    appendJsonTextField(out, "replacement", e.replacement);
    out += '}';
  }
  out += "]}\n";
  out_ << out;
}

} // namespace keyshift::report
