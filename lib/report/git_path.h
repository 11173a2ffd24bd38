// Paths in diff headers, spelled the way git spells them so `git apply`
// reads them back: names with '"', '\\', control or non-ASCII bytes are
// C-quoted with octal escapes (git's quote_c_style), others are left bare.
#ifndef KEYSHIFT_REPORT_GIT_PATH_H_
#define KEYSHIFT_REPORT_GIT_PATH_H_

#include <string>
#include <string_view>

namespace keyshift::report {

/// True when git would quote `path` in a diff header.
bool gitPathNeedsQuoting(std::string_view path);

/// `path` as git writes it in `diff --git`, `---` and `+++` lines:
///   a/plain.py -> a/plain.py
///   a/say "hi".py -> "a/say \"hi\".py"
std::string quoteGitPath(std::string_view path);

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_GIT_PATH_H_
