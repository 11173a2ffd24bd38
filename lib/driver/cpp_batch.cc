#include "driver/cpp_batch.h"

#if KEYSHIFT_WITH_CLANG
#include "driver/cpp_engine_loader.h"
#endif

namespace keyshift::driver {

#if KEYSHIFT_WITH_CLANG

bool cppSupported() { return true; }

Result<void> validateCppRules(const ruleset::RuleSet &rules) {
  // Loading Clang to check matchers would cost every run what only C++
  // runs need: until the plugin is loaded, runCppBatch checks them first.
  if (!cppEngineLoaded())
    return {};
  return (*cppEngine())->validate_rules(rules.forLanguage(Language::Cpp));
}

Result<CppBatch> runCppBatch(const ruleset::RuleSet &rules,
                             const std::vector<std::string> &abs_files,
                             const ProxyTarget &proxy,
                             const CppOptions &options, unsigned threads) {
  cpp::EngineOptions eo;
  eo.root = options.root;
  eo.compile_db_dir = options.compile_db_dir;
  eo.fallback_include_dirs = options.include_dirs;
  eo.proxy = proxy;
  eo.threads = threads;
  auto engine = cppEngine();
  if (!engine.ok())
    return engine.error();
  auto result =
      (*engine)->run_rules(rules.forLanguage(Language::Cpp), abs_files, eo);
  if (!result.ok())
    return result.error();
  CppBatch batch;
  for (cpp::FileFindings &f : result->files) {
    batch.findings[f.abs_path] = std::move(f.findings);
    batch.parsed_hashes[f.abs_path] = std::move(f.parsed_hashes);
  }
  batch.notes = std::move(result->notes);
  for (auto &[path, message] : result->errors) {
    std::string &joined = batch.errors[path];
    joined += (joined.empty() ? "" : "; ") + message;
  }
  return batch;
}

#else

bool cppSupported() { return false; }

Result<void> validateCppRules(const ruleset::RuleSet &) { return {}; }

Result<CppBatch> runCppBatch(const ruleset::RuleSet &,
                             const std::vector<std::string> &,
                             const ProxyTarget &, const CppOptions &,
                             unsigned) {
  return CppBatch{};
}

#endif

} // namespace keyshift::driver
