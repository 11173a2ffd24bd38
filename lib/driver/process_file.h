// One file through the pipeline after it is loaded: match (and the byte
// scanner for keys, one finding per key) -> drop findings the user silenced
// (inline `keyshift: ignore`, other scanners' markers, baseline) -> reconcile
// the proposed changes in an EditSet (first rule wins; conflicts reported) ->
// verify by re-parsing (a group that breaks the file is dropped and
// reported as rewrite-failed) -> FileOutcome with every finding's final
// action. Pure: no I/O, so `keyshift test-rules` and the tests use it too.
#ifndef KEYSHIFT_DRIVER_PROCESS_FILE_H_
#define KEYSHIFT_DRIVER_PROCESS_FILE_H_

#include "base/source_file.h"
#include "driver/change_selection.h"
#include "match/matcher.h"
#include "report/report_sink.h"
#include "ruleset/rule.h"

#include <string>
#include <vector>

namespace keyshift::secrets {
class Baseline;
}

namespace keyshift::driver {

/// The byte scanner for hard-coded keys (secrets/key_findings.h).
struct KeyScanOptions {
  /// Scan every byte of the file for keys, whatever its language and
  /// whether it parses. A key an engine reported too (same fingerprint,
  /// overlapping range) is reported once, by the engine, whose finding
  /// carries the rewrite.
  bool enabled = false;
  bool possible = true;         ///< also `possible-key` notes
  bool deep = false;            ///< also split literals and base64
  bool foreign_ignores = false; ///< honour gitleaks:allow & co. on keys
};

/// True when reconcile() would add no key to a file without findings:
/// the scanner is off, or it finds no key in `text`.
bool keyFree(std::string_view text, const KeyScanOptions &keys);

class RepoPlan;

struct ProcessOptions {
  const secrets::Baseline *baseline = nullptr; ///< may be null
  const RepoPlan *plan = nullptr;              ///< may be null
  std::string repo_path;                       ///< for the plan
  KeyScanOptions keys;
  /// A baselined secret is known in any file, not only the one listed
  /// (`audit --history`: files get renamed, the key stays the same).
  bool baseline_any_file = false;
  /// `migrate -i`: only these findings keep their changes (may be null:
  /// all do).
  const std::set<FindingId> *accepted = nullptr;
};

/// `findings` are what the matcher(s) reported for `file`, in rule order.
FileOutcome reconcile(const SourceFile &file, std::vector<Finding> findings,
                      const SyntaxChecker *checker,
                      const ProcessOptions &options);

/// match + reconcile for files whose engine works file by file.
FileOutcome processFile(const SourceFile &file, const Matcher &matcher,
                        const std::vector<const ruleset::Rule *> &rules,
                        const ProcessOptions &options);

/// processFile() after the match: `findings` are what `matcher` reported
/// for `file` with the plan (or, in the index pass, without asking it).
FileOutcome processFindings(const SourceFile &file, const Matcher &matcher,
                            std::vector<Finding> findings,
                            const ProcessOptions &options);

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_PROCESS_FILE_H_
