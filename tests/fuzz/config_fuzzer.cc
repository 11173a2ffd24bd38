// libFuzzer entry point for .keyshift.json (lib/config): arbitrary bytes
// through parseConfig (JSON with comments). Nothing may crash or escape as
// an exception; a refusal is a Result error that names the file first, in
// the lower-case, no-trailing-period style.
#include "config/config_file.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kPath = "fuzz/.keyshift.json";

void check(bool ok) {
  if (!ok)
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  auto config = keyshift::config::parseConfig(text, kPath);
  if (!config.ok()) {
    const std::string &message = config.error().message;
    check(message.rfind(std::string(kPath) + ":", 0) == 0);
    check(message.back() != '.' && message.back() != '\n');
    return 0;
  }
  check(config->path == kPath);
  return 0;
}
