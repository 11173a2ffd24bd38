// The JavaScript / TypeScript / TSX engine: parses a file once with its
// dialect's tree-sitter grammar, runs each candidate rule's query, applies
// `where` constraints (symbols resolved through imports and require()) and
// hands each match to the rule's action. One instance per dialect, since a
// Matcher's SyntaxChecker re-parses with one grammar.
#ifndef KEYSHIFT_MATCH_JS_JS_MATCHER_H_
#define KEYSHIFT_MATCH_JS_JS_MATCHER_H_

#include "base/error.h"
#include "base/language.h"
#include "base/proxy_target.h"
#include "match/matcher.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace keyshift::ts {
class Query;
}

namespace keyshift::js {

class JsMatcher final : public Matcher {
public:
  /// `dialect` is JavaScript, TypeScript or Tsx; `rules` that dialect's.
  /// Compiles every query up front, so a bad rule is a configuration error
  /// before any file is read.
  static Result<std::unique_ptr<JsMatcher>>
  create(Language dialect, const std::vector<const ruleset::Rule *> &rules,
         ProxyTarget proxy, RewriteOptions options = {});
  ~JsMatcher() override;

  std::vector<Finding>
  match(const SourceFile &file,
        const std::vector<const ruleset::Rule *> &rules) const override;
  const SyntaxChecker &syntaxChecker() const override;

private:
  JsMatcher();
  Language dialect_ = Language::JavaScript;
  ProxyTarget proxy_;
  RewriteOptions options_;
  std::map<std::string, std::unique_ptr<ts::Query>, std::less<>> queries_;
  std::unique_ptr<SyntaxChecker> checker_;
};

} // namespace keyshift::js

#endif // KEYSHIFT_MATCH_JS_JS_MATCHER_H_
