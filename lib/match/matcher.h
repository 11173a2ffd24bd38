// The interface every per-file engine implements (ast-grep's Matcher):
// given a file and the rules the prefilter let through, report findings with
// their proposed changes. Engines never print and never write files.
#ifndef KEYSHIFT_MATCH_MATCHER_H_
#define KEYSHIFT_MATCH_MATCHER_H_

#include "base/source_file.h"
#include "finding/finding.h"
#include "finding/flow.h"
#include "rewrite/verify.h"

#include <vector>

namespace keyshift {
namespace ruleset {
struct Rule;
}

class Matcher {
public:
  virtual ~Matcher() = default;
  /// Thread-safe: the driver calls it from several workers at once.
  /// `flows` is the repository plan (null in the index pass: a client whose
  /// key is a module-level name then says so in Finding::key_symbol).
  virtual std::vector<Finding>
  match(const SourceFile &file, const std::vector<const ruleset::Rule *> &rules,
        const FlowQuery *flows = nullptr) const = 0;
  /// The index pass: what the file binds and uses at module level.
  virtual ModuleFacts index(const SourceFile &) const { return {}; }
  /// The index pass over a file with candidate rules: its facts and its
  /// findings (matched with `flows`, an IndexPassQuery). Engines that can
  /// share one parse between the two override it.
  virtual ModuleFacts
  indexAndMatch(const SourceFile &file,
                const std::vector<const ruleset::Rule *> &rules,
                const FlowQuery *flows, std::vector<Finding> &findings) const {
    findings = match(file, rules, flows);
    return index(file);
  }
  /// The parser used to check that rewritten text still parses.
  virtual const SyntaxChecker &syntaxChecker() const = 0;
};

} // namespace keyshift

#endif // KEYSHIFT_MATCH_MATCHER_H_
