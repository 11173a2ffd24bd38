// A file's unified diff, built from its edit list rather than by re-diffing:
// each edit maps to the original lines it touches, touching spans merge into
// change blocks, and blocks whose 3-line contexts touch share a hunk. The
// output is what `git diff` would print (a/ b/ prefixes, quoted names, "\ No
// newline at end of file", CRLF and BOM kept), so `git apply` accepts it.
#ifndef KEYSHIFT_REPORT_UNIFIED_DIFF_H_
#define KEYSHIFT_REPORT_UNIFIED_DIFF_H_

#include "base/error.h"
#include "report/report_sink.h"

#include <string>

namespace keyshift::report {

/// Lines of unchanged context around each change, as in `diff -u`.
inline constexpr std::size_t kDiffContextLines = 3;

/// The diff of `outcome.source` to `outcome.new_content`, or "" when the
/// edits change nothing. Removed lines are copied verbatim (git apply needs
/// them), so a removed hard-coded key appears in the diff in clear.
///
/// Fails (ErrorCode::Internal) when the edits are unsorted, overlap or run
/// past the end, when applying them does not give `new_content`, and
/// (ErrorCode::Input) when `repo_path` is empty, absolute or leaves the
/// repository.
Result<std::string> unifiedDiff(const FileOutcome &outcome);

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_UNIFIED_DIFF_H_
