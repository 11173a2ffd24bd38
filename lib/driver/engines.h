// The matchers of one run, one per language, built once from the rule set
// and the proxy target; shared read-only by every worker.
#ifndef KEYSHIFT_DRIVER_ENGINES_H_
#define KEYSHIFT_DRIVER_ENGINES_H_

#include "base/error.h"
#include "base/language.h"
#include "base/proxy_target.h"
#include "match/matcher.h"
#include "ruleset/rule_set.h"

#include <map>
#include <memory>
#include <set>

namespace keyshift::driver {

class Engines {
public:
  /// Compiles every user rule's query (a bad one is a configuration
  /// error); built-in tree-sitter queries are compiled on the first file of
  /// their language unless `all_queries_now` (`test-rules`). `rules`
  /// outlives the engines.
  static Result<Engines> build(const ruleset::RuleSet &rules,
                               const ProxyTarget &proxy,
                               RewriteOptions options = {},
                               bool all_queries_now = false);

  /// The per-file matcher for a language, or nullptr (none yet, or C++,
  /// which runs as a batch: driver/cpp_batch.h).
  const Matcher *forLanguage(Language language) const;
  const ProxyTarget &proxy() const { return proxy_; }
  /// True when the language's Matcher::indexAndMatch reports what match()
  /// would with the same FlowQuery, so the edit pass may take the index
  /// pass's findings (index_cache.h). Documentation's does not match at
  /// all (docs_engine.h); an engine not listed in build() is not trusted.
  bool indexMatches(Language language) const {
    return index_matches_.count(language) > 0;
  }

private:
  std::map<Language, std::shared_ptr<const Matcher>> matchers_;
  std::set<Language> index_matches_;
  ProxyTarget proxy_;
};

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_ENGINES_H_
