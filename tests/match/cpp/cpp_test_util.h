// Helpers shared by the C++ engine tests: scratch directories, the built-in
// rules/cpp rules, the proxy the examples assume, and applying a run's
// changes to get the rewritten files.
#ifndef KEYSHIFT_TESTS_MATCH_CPP_CPP_TEST_UTIL_H_
#define KEYSHIFT_TESTS_MATCH_CPP_CPP_TEST_UTIL_H_

#include "match/cpp/cpp_engine.h"
#include "ruleset/rule.h"

#include <map>
#include <string>
#include <vector>

namespace keyshift::cpp::testing {

/// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }
  /// Writes `content` to path()/rel (directories created); returns the path.
  std::string write(const std::string &rel, const std::string &content) const;

private:
  std::string path_;
};

std::string readFile(const std::string &path);
void writeFile(const std::string &path, const std::string &content);
/// Regular files under `dir`, absolute, sorted.
std::vector<std::string> listFiles(const std::string &dir);
std::string sourceDir();

/// Every rules/cpp/*.json, compiled as built-ins; fails the test on error.
const std::vector<ruleset::Rule> &builtinRules();
std::vector<const ruleset::Rule *> allBuiltinRules();
const ruleset::Rule *builtinRule(const std::string &id);

/// B and K the rule examples assume (as rules/python's do).
ProxyTarget exampleProxy();
EngineOptions optionsFor(const std::string &root);

/// abs path -> content after applying every finding's change (files without
/// changes are absent). Overlapping edits fail the test.
std::map<std::string, std::string> applyChanges(const RunResult &result);

/// "rel:line:col: kind [rule] action" per finding, for golden lists.
std::vector<std::string> describeFindings(const RunResult &result,
                                          const std::string &root);

/// Runs a shell command; returns its exit status, output in `out`.
int runCommand(const std::string &command, std::string *out = nullptr);

} // namespace keyshift::cpp::testing

#endif // KEYSHIFT_TESTS_MATCH_CPP_CPP_TEST_UTIL_H_
