// Which rules a file can need, found without parsing it: per language, one
// literal prefilter over every literal of every rule's trigger sets. A rule
// is a candidate when all the literals of one of its sets occur; a rule
// that moves a hard-coded key (replace-secret-with-env) also needs a token
// the key classifier takes for a key (secrets/find_secrets.h), since the
// literal it rewrites holds one verbatim: "task-queue" has "sk-", no key
// (C++ excepted: Clang joins adjacent literals).
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
  /// `every_rule`: no prefilter, every rule of the language is a candidate
  /// (tests compare the prefilter's findings with that reference).
  explicit RuleIndex(const ruleset::RuleSet &rules, bool every_rule = false);

  /// False when no rule is written for `language`.
  bool covers(Language language) const;
  /// The rules of `language` that are candidates for `text`, in rule order
  /// (first rule wins), each once.
  std::vector<const ruleset::Rule *> candidates(Language language,
                                                std::string_view text) const;

private:
  struct Candidate {
    const ruleset::Rule *rule = nullptr;
    /// Each alternative as indices into the prefilter's literals.
    std::vector<std::vector<std::size_t>> sets;
    bool needs_key = false; ///< confirmed by the key scanner
  };
  struct LanguageRules {
    std::unique_ptr<scan::Prefilter> prefilter;
    std::vector<Candidate> rules; ///< rule order
  };
  std::map<Language, LanguageRules> by_language_;
  bool every_rule_ = false;
};

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_RULE_INDEX_H_
