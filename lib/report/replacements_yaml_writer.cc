#include "report/replacements_yaml_writer.h"

#include "report/edits_json_writer.h"
#include "report/json_text.h"

namespace keyshift::report {
namespace {

/// The finding an edit belongs to (same rule, overlapping or nearest), for
/// the diagnostic's message.
const Finding *findingOf(const FileOutcome &outcome, const Edit &edit) {
  const Finding *same_rule = nullptr;
  for (const Finding &f : outcome.findings) {
    if (f.rule_id != edit.rule_id)
      continue;
    if (f.range.containsRange(edit.range) ||
        f.range.offset == edit.range.offset)
      return &f;
    if (!same_rule)
      same_rule = &f;
  }
  return same_rule;
}

} // namespace

std::string yamlQuoted(std::string_view text) {
  // YAML 1.2 reads a JSON string as a double-quoted scalar, escapes and all
  // (LLVM's YAML parser included).
  std::string out;
  appendJsonString(out, text);
  return out;
}

void ReplacementsYamlWriter::file(const FileOutcome &outcome) {
  if (!outcome.changed())
    return;
  std::string path = outcome.display_path;
  if (path.empty() || path[0] != '/')
    path = cwd_ + "/" + path;
  std::string quoted_path = yamlQuoted(path);
  for (const Edit &e : outcome.edits) {
    const Finding *f = findingOf(outcome, e);
    std::string offset = std::to_string(diskOffset(outcome, e));
    std::string &d = diagnostics_;
    d += "  - DiagnosticName:  " + yamlQuoted("keyshift-" + e.rule_id) + "\n";
    d += "    DiagnosticMessage:\n";
    d += "      Message:         " +
         yamlQuoted(f ? f->message : "keyshift: " + e.rule_id) + "\n";
    d += "      FilePath:        " + quoted_path + "\n";
    d += "      FileOffset:      " + offset + "\n";
    d += "      Replacements:\n";
    d += "        - FilePath:        " + quoted_path + "\n";
    d += "          Offset:          " + offset + "\n";
    d += "          Length:          " + std::to_string(e.range.length) + "\n";
    d += "          ReplacementText: " + yamlQuoted(e.replacement) + "\n";
    d += "    Level:           Warning\n";
  }
}

void ReplacementsYamlWriter::endRun(const RunStats &) {
  out_ << "---\nMainSourceFile:  \"\"\n";
  if (diagnostics_.empty())
    out_ << "Diagnostics:     []\n";
  else
    out_ << "Diagnostics:\n" << diagnostics_;
  out_ << "...\n";
  out_.flush();
}

} // namespace keyshift::report
