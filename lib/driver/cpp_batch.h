// C++ does not go file by file: Clang parses translation units, and an
// edit found in a header belongs to every TU that includes it. So the
// driver runs all C++ files through lib/match/cpp once, before the per-file
// workers, and the workers then only reconcile each file's findings.
#ifndef KEYSHIFT_DRIVER_CPP_BATCH_H_
#define KEYSHIFT_DRIVER_CPP_BATCH_H_

#include "base/error.h"
#include "base/proxy_target.h"
#include "finding/finding.h"
#include "ruleset/rule_set.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace keyshift::driver {

struct CppOptions {
  std::string root;                          ///< absolute: edits stay under it
  std::optional<std::string> compile_db_dir; ///< -p
  std::vector<std::string> include_dirs;     ///< fallback -I
};

struct CppBatch {
  std::map<std::string, std::vector<Finding>> findings; ///< by abs path
  /// By abs path: contentHash of each distinct buffer Clang located those
  /// findings in (match/cpp/cpp_engine.h, FileFindings::parsed_hashes).
  std::map<std::string, std::vector<std::uint64_t>> parsed_hashes;
  std::vector<std::string> notes;
  /// By abs path: why its TUs failed to parse ("; " between several).
  std::map<std::string, std::string> errors;
};

/// True when this build has the Clang engine.
bool cppSupported();

/// Checks the C++ rules' matchers (a configuration error otherwise).
Result<void> validateCppRules(const ruleset::RuleSet &rules);

Result<CppBatch> runCppBatch(const ruleset::RuleSet &rules,
                             const std::vector<std::string> &abs_files,
                             const ProxyTarget &proxy,
                             const CppOptions &options, unsigned threads);

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_CPP_BATCH_H_
