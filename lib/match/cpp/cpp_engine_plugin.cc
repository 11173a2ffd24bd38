// The entry point of libkeyshift_cpp.so (cpp_engine_plugin.h).
#include "match/cpp/cpp_engine_plugin.h"

extern "C" __attribute__((visibility("default")))
const keyshift::cpp::PluginApi *
keyshift_cpp_plugin_api() {
  static const keyshift::cpp::PluginApi api{
      .validate_rules = &keyshift::cpp::validateRules,
      .run_rules = &keyshift::cpp::runRules,
  };
  return &api;
}
