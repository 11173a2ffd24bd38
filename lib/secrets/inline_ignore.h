// Inline suppressions: a finding is dropped when its line, or a comment-only
// line right above it, carries `keyshift: ignore` (every rule) or
// `keyshift: ignore[rule-a, rule-b]` (those rules) in a real comment:
//   key = "sk-…"  # keyshift: ignore[python.hardcoded-key]
//   // keyshift: ignore            <- applies to the next line
#ifndef KEYSHIFT_SECRETS_INLINE_IGNORE_H_
#define KEYSHIFT_SECRETS_INLINE_IGNORE_H_

#include "base/language.h"

#include <cstddef>
#include <string_view>

namespace keyshift::secrets {

/// True when the finding of `rule_id` at byte `offset` of `content` is
/// suppressed inline. Comment syntax by language: '#' for Python, TOML,
/// .env and YAML (the last two only at line start or after a blank, as
/// their parsers require); // and /* */ for JavaScript, TypeScript, TSX and
/// C++; <!-- --> for Markdown; for notebooks, '#' inside the JSON string
/// of a code-cell line. In JSON and files of no known language (Dockerfile,
/// shell, INI, logs) the directive counts anywhere on the line, and on the
/// line above when that line starts with a comment leader (#, //, ;, --,
/// /*, <!--, %, ', REM).
///
/// The previous line counts only when it holds nothing but the comment, so
/// a trailing ignore on one line never silences the next.
///
/// Best effort, one line at a time: string literals that open and close on
/// the line are skipped (a "# keyshift: ignore" inside quotes is not a
/// comment), but a line inside a multi-line string (Python triple quotes,
/// JS template literals, C++ raw strings) or inside a block comment opened
/// on an earlier line is read as if it were code.
bool isIgnoredInline(std::string_view content, std::size_t offset,
                     std::string_view rule_id, Language lang);

/// True when the line holding byte `offset` carries another secret
/// scanner's allow marker (`gitleaks:allow`, `pragma: allowlist secret`,
/// `trufflehog:ignore`, `secretlint-disable-line`), or the line above
/// carries `pragma: allowlist nextline secret` or
/// `secretlint-disable-next-line`: what `--honor-foreign-ignores` accepts.
bool hasForeignIgnore(std::string_view content, std::size_t offset);

} // namespace keyshift::secrets

#endif // KEYSHIFT_SECRETS_INLINE_IGNORE_H_
