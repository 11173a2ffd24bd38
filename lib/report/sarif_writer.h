// SARIF 2.1.0 for code scanning (`keyshift audit --format sarif`): one run,
// the rules with their help text, one result per finding with its location,
// its fix as replacements, and a partial fingerprint for secrets so a
// scanner tracks a key across commits. Buffered, written at endRun.
#ifndef KEYSHIFT_REPORT_SARIF_WRITER_H_
#define KEYSHIFT_REPORT_SARIF_WRITER_H_

#include "base/error.h"
#include "base/finding_kind.h"
#include "base/severity.h"
#include "report/redactor.h"
#include "report/report_sink.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace keyshift::report {

/// What SARIF needs to know about a rule; the CLI fills it from the
/// RuleSet, so report does not depend on lib/ruleset.
struct RuleInfo {
  std::string id;
  std::string message;     ///< one line: shortDescription
  std::string description; ///< longer help: fullDescription and help
  Severity severity = Severity::Warning;
  FindingKind kind = FindingKind::NeedsReview; ///< the kind it reports
  /// A page explaining the rule (reportingDescriptor.helpUri); rules of key
  /// kinds default to OpenAI's key-safety guide.
  std::string help_uri;
};

/// GitHub code scanning's `security-severity` for findings of `kind`: "9.0"
/// for hardcoded-key, "5.0" for possible-key, "" for kinds that are not
/// security findings.
std::string_view securitySeverity(FindingKind kind);

struct SarifOptions {
  /// tool.driver.version; empty means the version keyshift was built as.
  std::string tool_version;
  /// tool.driver.informationUri; left out when empty.
  std::string information_uri;
  /// Absolute file:// URI of the repository root, ending in '/', written as
  /// originalUriBaseIds["%SRCROOT%"]; left out when empty.
  std::string source_root_uri;
  /// Applied to result and notification messages.
  Redactor redactor;
};

/// Columns are Unicode code points (run.columnKind "unicodeCodePoints"),
/// counted in content() without the BOM; URIs are repo paths, percent-encoded.
class SarifWriter : public ReportSink {
public:
  SarifWriter(std::ostream &out, std::vector<RuleInfo> rules,
              SarifOptions options = {});

  void file(const FileOutcome &outcome) override;
  /// Problems become toolExecutionNotifications of the invocation.
  void problem(const FileProblem &problem) override;
  /// Writes the whole log; executionSuccessful is false when files failed.
  void endRun(const RunStats &stats) override;

  /// Set when the log could not be serialised (nothing was written).
  const std::vector<Error> &errors() const { return errors_; }

private:
  std::ostream &out_;
  std::vector<RuleInfo> rules_;
  SarifOptions options_;
  nlohmann::ordered_json results_ = nlohmann::ordered_json::array();
  nlohmann::ordered_json notifications_ = nlohmann::ordered_json::array();
  std::vector<Error> errors_;
};

/// `path` as a relative URI reference: bytes outside RFC 3986's unreserved
/// set, sub-delims, ':', '@' and '/' are percent-encoded ("a b" -> "a%20b").
std::string pathToUri(std::string_view path);

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_SARIF_WRITER_H_
