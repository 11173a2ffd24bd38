// The Python engine: parses a file once with tree-sitter-python, runs each
// candidate rule's query, applies `where` constraints (symbols resolved
// through the file's imports) and hands each match to the rule's action.
#ifndef KEYSHIFT_MATCH_PYTHON_PYTHON_MATCHER_H_
#define KEYSHIFT_MATCH_PYTHON_PYTHON_MATCHER_H_

#include "base/error.h"
#include "base/proxy_target.h"
#include "match/matcher.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace keyshift::ts {
class Query;
}

namespace keyshift::python {

class PythonMatcher final : public Matcher {
public:
  /// Compiles every Python rule's query up front, so a bad rule is a
  /// configuration error before any file is read.
  static Result<std::unique_ptr<PythonMatcher>>
  create(const std::vector<const ruleset::Rule *> &rules, ProxyTarget proxy,
         RewriteOptions options = {});
  ~PythonMatcher() override;

  std::vector<Finding>
  match(const SourceFile &file,
        const std::vector<const ruleset::Rule *> &rules) const override;
  const SyntaxChecker &syntaxChecker() const override;

private:
  PythonMatcher();
  ProxyTarget proxy_;
  RewriteOptions options_;
  std::map<std::string, std::unique_ptr<ts::Query>, std::less<>> queries_;
  std::unique_ptr<SyntaxChecker> checker_;
};

} // namespace keyshift::python

#endif // KEYSHIFT_MATCH_PYTHON_PYTHON_MATCHER_H_
