// Which rules a file can need, found without parsing it: per language, one
// literal prefilter over every rule's triggers.
#ifndef KEYSHIFT_DRIVER_RULE_INDEX_H_
#define KEYSHIFT_DRIVER_RULE_INDEX_H_

#include "base/language.h"
#include "ruleset/rule_set.h"
#include "scan/prefilter.h"

#include <map>
#include <memory>
#include <string_view>
#include <vector>

namespace keyshift::driver {

class RuleIndex {
public:
  explicit RuleIndex(const ruleset::RuleSet &rules);

  /// False when no rule is written for `language`.
  bool covers(Language language) const;
  /// The rules of `language` whose triggers occur in `text`, in rule order
  /// (first rule wins), each once.
  std::vector<const ruleset::Rule *> candidates(Language language,
                                                std::string_view text) const;

private:
  struct LanguageRules {
    std::unique_ptr<scan::Prefilter> prefilter;
    std::vector<const ruleset::Rule *> owner; ///< per literal
    std::vector<const ruleset::Rule *> rules; ///< rule order
  };
  std::map<Language, LanguageRules> by_language_;
};

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_RULE_INDEX_H_
