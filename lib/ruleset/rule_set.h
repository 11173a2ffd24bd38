// The rules of one run: the built-in ones embedded in the binary plus the
// user's rules.extra files, minus rules.disable, indexed by id and language.
// Loading reports every bad file at once, one error per line, so a user
// fixing a rules directory sees the whole list.
#ifndef KEYSHIFT_RULESET_RULE_SET_H_
#define KEYSHIFT_RULESET_RULE_SET_H_

#include "base/error.h"
#include "base/language.h"
#include "ruleset/rule.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift::ruleset {

class RuleSet {
public:
  RuleSet() = default;
  /// Takes rules whose ids are unique (loadRuleSet checks) and sorts them.
  explicit RuleSet(std::vector<Rule> rules);

  /// Sorted by id.
  const std::vector<Rule> &rules() const { return rules_; }
  /// The rules written for `language`, sorted by id.
  std::vector<const Rule *> forLanguage(Language language) const;
  const Rule *find(std::string_view id) const;
  std::vector<std::string> ids() const;

private:
  std::vector<Rule> rules_;
};

struct LoadOptions {
  bool builtin = true;
  /// Rule files or globs (`*`, `?`, `**`), relative to base_dir unless
  /// absolute. A glob that matches nothing is an error: it is most likely a
  /// typo that would silently drop the user's rules.
  std::vector<std::string> extra;
  std::string base_dir; ///< "" = the current directory
  /// Rule ids to leave out; an unknown id is an error with "did you mean".
  std::vector<std::string> disable;
};

/// Built-ins are named "rules/<lang>/<file>.json"; extra files by their path
/// as given (a glob's matches as base_dir-relative when the glob was
/// relative). A duplicate id is an error naming both files.
Result<RuleSet> loadRuleSet(const LoadOptions &options);

/// The files a rules.extra entry stands for, sorted; exposed for tests.
Result<std::vector<std::string>> expandRulePattern(const std::string &pattern,
                                                   const std::string &base_dir);

} // namespace keyshift::ruleset

#endif // KEYSHIFT_RULESET_RULE_SET_H_
