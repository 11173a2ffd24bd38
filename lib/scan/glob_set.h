// Path globs with the semantics .gitignore and .clang-tidy users expect,
// compiled into one RE2 so matching a path is a single linear-time pass:
//   "*.py"            any .py file at any depth (no '/' -> basename match)
//   "src/**/gen_*.ts" anchored at the repo root; "**" spans directories
//   "third_party/"    everything under any directory named third_party
#ifndef KEYSHIFT_SCAN_GLOB_SET_H_
#define KEYSHIFT_SCAN_GLOB_SET_H_

#include "base/error.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
} // namespace re2

namespace keyshift::scan {

/// Rules, matched against repo-relative paths ("src/a.py", no leading "./"):
/// - `*` and `?` never cross '/'; `?` is one UTF-8 character; `[abc]`,
///   `[a-z]`, `[!a]` / `[^a]` are byte classes that never match '/';
///   `\x` matches x literally.
/// - `**` as a whole segment matches any number of directories (zero too);
///   elsewhere it acts as `*`.
/// - A pattern with no '/' except a trailing one matches a name at any
///   depth; otherwise it is anchored at the root (a leading '/' or "./" is
///   allowed and ignored).
/// - A pattern that matches a directory matches everything under it; a
///   trailing '/' makes a pattern match directories only.
/// - `!` negation is rejected rather than silently taken literally.
class GlobSet {
public:
  GlobSet() = default;
  /// Error (ErrorCode::Config) naming the first bad pattern:
  /// "glob '[a': unclosed character class".
  static Result<GlobSet> compile(const std::vector<std::string> &patterns);

  /// True when any pattern matches `repo_path`; false for an empty set.
  bool matches(std::string_view repo_path) const;
  bool empty() const { return count_ == 0; }
  std::size_t size() const { return count_; }

  /// The regular expression (RE2 syntax, Latin-1) one pattern compiles to;
  /// exposed for tests and error messages.
  static Result<std::string> toRegex(std::string_view pattern);

private:
  std::shared_ptr<const re2::RE2> re_; ///< shared: GlobSet stays copyable
  std::size_t count_ = 0;
};

} // namespace keyshift::scan

#endif // KEYSHIFT_SCAN_GLOB_SET_H_
