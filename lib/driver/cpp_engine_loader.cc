#include "driver/cpp_engine_loader.h"

#include <atomic>
#include <cstdlib>
#include <dlfcn.h>
#include <mutex>
#include <unistd.h>

namespace keyshift::driver {
namespace {

std::string executableDir() {
  std::string buf(4096, '\0');
  ssize_t n = ::readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  if (n <= 0)
    return "";
  buf.resize(static_cast<std::size_t>(n));
  std::size_t slash = buf.rfind('/');
  return slash == std::string::npos ? "" : buf.substr(0, slash);
}

/// Opens one candidate: the table, or why not.
Result<const cpp::PluginApi *> open(const std::string &path) {
  if (::access(path.c_str(), F_OK) != 0)
    return makeError(ErrorCode::Config, path + ": not found");
  // Never closed: LLVM's static destructors run at exit like any library's.
  void *handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    return makeError(ErrorCode::Config, ::dlerror());
  using Entry = const cpp::PluginApi *(*)();
  auto entry =
      reinterpret_cast<Entry>(::dlsym(handle, KEYSHIFT_CPP_PLUGIN_ENTRY));
  const cpp::PluginApi *api = entry ? entry() : nullptr;
  if (!api || !cpp::samePluginAbi(*api))
    return makeError(ErrorCode::Config,
                     path + ": built for another keyshift (entry point or "
                            "interface differs)");
  return api;
}

std::atomic<bool> loaded{false};

} // namespace

std::vector<std::string> cppEnginePaths() {
  if (const char *env = std::getenv("KEYSHIFT_CPP_ENGINE"); env && *env)
    return {env};
  std::vector<std::string> paths;
  if (std::string dir = executableDir(); !dir.empty()) {
    paths.push_back(dir + "/" KEYSHIFT_CPP_PLUGIN_FILE);
    paths.push_back(dir + "/" KEYSHIFT_CPP_ENGINE_RELDIR
                          "/" KEYSHIFT_CPP_PLUGIN_FILE);
  }
  paths.push_back(KEYSHIFT_CPP_ENGINE_INSTALL_DIR "/" KEYSHIFT_CPP_PLUGIN_FILE);
  return paths;
}

Result<const cpp::PluginApi *> cppEngine() {
  static std::once_flag once;
  static Result<const cpp::PluginApi *> result =
      makeError(ErrorCode::Internal, "not loaded");
  std::call_once(once, [] {
    std::string tried;
    for (const std::string &path : cppEnginePaths()) {
      result = open(path);
      if (result.ok()) {
        loaded = true;
        return;
      }
      tried += "\n  " + result.error().message;
    }
    result = makeError(ErrorCode::Config,
                       "the C++ engine (" KEYSHIFT_CPP_PLUGIN_FILE
                       ") could not be loaded; C++ files need it. Tried:" +
                           tried +
                           "\nReinstall keyshift (cmake --install puts it in "
                           "<prefix>/" KEYSHIFT_CPP_ENGINE_LIBDIR
                           "), set KEYSHIFT_CPP_ENGINE "
                           "to its path, or leave C++ files out (--exclude).");
  });
  return result;
}

bool cppEngineLoaded() { return loaded; }

} // namespace keyshift::driver
