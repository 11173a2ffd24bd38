// The C++ engine as a plugin: lib/match/cpp and Clang/LLVM are built into
// libkeyshift_cpp.so, which the driver dlopen()s on the first C++ file that
// needs it (driver/cpp_engine_loader.h), so runs without C++ never map
// libLLVM. The one exported symbol returns this table. Both sides are built
// from the same tree by the same compiler; `abi` and the sizes guard against
// pairing a binary with a plugin of another build.
#ifndef KEYSHIFT_MATCH_CPP_CPP_ENGINE_PLUGIN_H_
#define KEYSHIFT_MATCH_CPP_CPP_ENGINE_PLUGIN_H_

#include "match/cpp/cpp_engine.h"
#include "ruleset/rule.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace keyshift::cpp {

/// Bumped whenever the table or the types it passes change shape.
inline constexpr std::uint32_t kPluginAbi = 2;

struct PluginApi {
  std::uint32_t abi = kPluginAbi;
  std::size_t rule_size = sizeof(ruleset::Rule);
  std::size_t finding_size = sizeof(Finding);
  std::size_t options_size = sizeof(EngineOptions);
  Result<void> (*validate_rules)(const std::vector<const ruleset::Rule *> &);
  Result<RunResult> (*run_rules)(const std::vector<const ruleset::Rule *> &,
                                 const std::vector<std::string> &,
                                 const EngineOptions &);
};

/// What the loader checks a plugin's table against.
inline bool samePluginAbi(const PluginApi &api) {
  PluginApi expected{};
  return api.abi == expected.abi && api.rule_size == expected.rule_size &&
         api.finding_size == expected.finding_size &&
         api.options_size == expected.options_size &&
         api.validate_rules != nullptr && api.run_rules != nullptr;
}

} // namespace keyshift::cpp

/// The plugin's file name and its entry point.
#define KEYSHIFT_CPP_PLUGIN_FILE "libkeyshift_cpp.so"
#define KEYSHIFT_CPP_PLUGIN_ENTRY "keyshift_cpp_plugin_api"

extern "C" const keyshift::cpp::PluginApi *keyshift_cpp_plugin_api();

#endif // KEYSHIFT_MATCH_CPP_CPP_ENGINE_PLUGIN_H_
