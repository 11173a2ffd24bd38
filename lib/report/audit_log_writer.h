// The audit log (DESIGN §6): JSON Lines, one object per finding with keys in
// a fixed order, one per problem, then one summary line. Strings that are not
// valid UTF-8 are written as {"bytes":"<base64>"} (ripgrep's convention)
// instead of being transcoded; positions are 1-based, columns in bytes.
//
//   {"schema":1,"rule":"py-env-key","kind":"env-key-ref",...,"after":"..."}
//   {"schema":1,"problem":{"file":"a.bin","kind":"skipped","message":"..."}}
//   {"schema":1,"summary":{"files_scanned":2,...,"elapsed_ms":0}}
#ifndef KEYSHIFT_REPORT_AUDIT_LOG_WRITER_H_
#define KEYSHIFT_REPORT_AUDIT_LOG_WRITER_H_

#include "report/redactor.h"
#include "report/report_sink.h"

#include <ostream>

namespace keyshift::report {

/// The `schema` value of every line; bump it when a key changes meaning.
inline constexpr int kAuditLogSchema = 1;

struct AuditLogOptions {
  /// Writes elapsed_ms as 0 so golden files compare byte for byte.
  bool deterministic = false;
  /// Applied to message, before, after and problem messages.
  Redactor redactor;
};

class AuditLogWriter : public ReportSink {
public:
  explicit AuditLogWriter(std::ostream &out, AuditLogOptions options = {})
      : out_(out), options_(std::move(options)) {}

  void file(const FileOutcome &outcome) override;
  void problem(const FileProblem &problem) override;
  void endRun(const RunStats &stats) override;

private:
  std::ostream &out_;
  AuditLogOptions options_;
};

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_AUDIT_LOG_WRITER_H_
