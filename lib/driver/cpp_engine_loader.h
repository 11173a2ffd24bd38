// Finds and loads the C++ engine plugin (match/cpp/cpp_engine_plugin.h) the
// first time a run needs Clang, so `--help`, `check` on Python files and
// every run without a C++ candidate never map libLLVM/libclang-cpp.
#ifndef KEYSHIFT_DRIVER_CPP_ENGINE_LOADER_H_
#define KEYSHIFT_DRIVER_CPP_ENGINE_LOADER_H_

#include "base/error.h"
#include "match/cpp/cpp_engine_plugin.h"

#include <string>
#include <vector>

namespace keyshift::driver {

/// Where the plugin is looked for, in order: $KEYSHIFT_CPP_ENGINE alone when
/// set (a path to the library); else next to the running binary, then in
/// its install layout (<bin>/../<libdir>/keyshift), then the configured
/// install directory.
std::vector<std::string> cppEnginePaths();

/// The loaded plugin's table. Loads once per process (thread-safe); a
/// missing or mismatched plugin is a configuration error naming every path
/// tried and why each failed.
Result<const cpp::PluginApi *> cppEngine();

/// True once cppEngine() has succeeded in this process.
bool cppEngineLoaded();

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_CPP_ENGINE_LOADER_H_
