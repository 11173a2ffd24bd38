// Builders shared by the report tests: a FileOutcome from a source text and
// its edits (new_content computed the simple way, by splicing), findings,
// and fake API keys made at run time so no key-shaped literal is checked in.
#ifndef KEYSHIFT_TESTS_REPORT_REPORT_TEST_UTIL_H_
#define KEYSHIFT_TESTS_REPORT_REPORT_TEST_UTIL_H_

#include "base/source_file.h"
#include "report/report_sink.h"

#include <memory>
#include <random>
#include <string>
#include <vector>

namespace keyshift::report::testing {

/// Splices sorted, non-overlapping edits into `text`.
inline std::string spliceEdits(std::string_view text,
                               const std::vector<Edit> &edits) {
  std::string out;
  std::size_t pos = 0;
  for (const Edit &e : edits) {
    out.append(text.substr(pos, e.range.offset - pos));
    out += e.replacement;
    pos = e.range.end();
  }
  out.append(text.substr(pos));
  return out;
}

inline Edit makeEdit(std::size_t offset, std::size_t length,
                     std::string replacement) {
  return Edit{ByteRange{offset, length}, std::move(replacement), "test-rule"};
}

/// Owns the SourceFile a FileOutcome points to.
struct OwnedOutcome {
  std::unique_ptr<SourceFile> source;
  FileOutcome outcome;
};

inline OwnedOutcome makeOutcome(std::string repo_path, std::string bytes,
                                std::vector<Edit> edits = {}) {
  OwnedOutcome o;
  o.source = std::make_unique<SourceFile>(repo_path, std::move(bytes),
                                          Language::Python);
  o.outcome.source = o.source.get();
  o.outcome.display_path = repo_path;
  o.outcome.repo_path = std::move(repo_path);
  o.outcome.new_content = spliceEdits(o.source->content(), edits);
  o.outcome.edits = std::move(edits);
  return o;
}

inline Finding makeFinding(std::size_t offset, std::size_t length,
                           FindingKind kind = FindingKind::EnvKeyRef) {
  Finding f;
  f.rule_id = "py-env-key";
  f.kind = kind;
  f.severity = Severity::Warning;
  f.message = "reads OPENAI_API_KEY";
  f.range = ByteRange{offset, length};
  f.action = FindingAction::Rewritten;
  f.before = "OPENAI_API_KEY";
  f.after = "LLM_KEY";
  return f;
}

/// "sk-proj-" followed by `n` random letters and digits.
inline std::string fakeProjectKey(std::size_t n = 40) {
  static constexpr std::string_view kChars =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device rd;
  std::mt19937 gen(rd());
  std::uniform_int_distribution<std::size_t> pick(0, kChars.size() - 1);
  std::string key = std::string("sk-") + "proj-";
  for (std::size_t i = 0; i < n; ++i)
    key += kChars[pick(gen)];
  return key;
}

} // namespace keyshift::report::testing

#endif // KEYSHIFT_TESTS_REPORT_REPORT_TEST_UTIL_H_
