// The baseline (.keyshift-baseline.json) lists known secrets by fingerprint
// so an audit can fail on new keys only, the way detect-secrets' baseline
// does. It never holds a key, only fingerprint, file and rule:
//   {"version": 1, "secrets": [{"fingerprint": "sha256:0123456789abcdef",
//                               "file": "src/app.py", "rule": "python.x"}]}
#ifndef KEYSHIFT_SECRETS_BASELINE_H_
#define KEYSHIFT_SECRETS_BASELINE_H_

#include "base/error.h"

#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace keyshift::secrets {

inline constexpr std::string_view kBaselineFileName = ".keyshift-baseline.json";
inline constexpr int kBaselineVersion = 1;

struct BaselineEntry {
  std::string fingerprint; ///< as fingerprint() returns it
  std::string file;        ///< repo-relative, '/' separators
  std::string rule;        ///< the rule that found it ("" when unknown)

  friend bool operator<(const BaselineEntry &a, const BaselineEntry &b) {
    return std::tie(a.file, a.fingerprint, a.rule) <
           std::tie(b.file, b.fingerprint, b.rule);
  }
  friend bool operator==(const BaselineEntry &a, const BaselineEntry &b) {
    return std::tie(a.file, a.fingerprint, a.rule) ==
           std::tie(b.file, b.fingerprint, b.rule);
  }
};

class Baseline {
public:
  /// True when the secret with this fingerprint is known in this file,
  /// whatever rule found it (rules get renamed; the secret stays the same).
  bool contains(std::string_view fingerprint, std::string_view file) const;
  /// True when the secret is known in any file: for `audit --history`,
  /// where a file may since have been renamed.
  bool containsFingerprint(std::string_view fingerprint) const;
  /// Adds an entry; an identical entry is kept once.
  void add(BaselineEntry entry);
  void add(std::string fingerprint, std::string file, std::string rule) {
    add(BaselineEntry{std::move(fingerprint), std::move(file),
                      std::move(rule)});
  }
  /// Entries sorted by file, fingerprint, rule.
  std::vector<BaselineEntry> entries() const;
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  /// Pretty JSON (2-space indent, trailing newline), entries sorted as in
  /// entries(): the same set always serializes to the same bytes, so the
  /// file diffs cleanly under version control.
  std::string serialize() const;

private:
  std::set<BaselineEntry> entries_;
  std::set<std::pair<std::string, std::string>> known_; // (fingerprint, file)
};

/// Reads a baseline file. A missing file is a configuration error (a
/// baseline named but absent would silently silence nothing); an unreadable
/// file or bad content is an error naming the file and, for content, the
/// JSON pointer or line:column.
Result<Baseline> loadBaseline(const std::string &path);

/// Parses baseline JSON; `source_name` is the file name used in errors.
Result<Baseline> parseBaseline(std::string_view json_text,
                               std::string_view source_name);

} // namespace keyshift::secrets

#endif // KEYSHIFT_SECRETS_BASELINE_H_
