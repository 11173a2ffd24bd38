// Test stand-in declaring the liboai Authorization API with its real
// signatures; the library itself is not needed to parse callers.
#pragma once
#include <filesystem>
#include <string_view>

#define LIBOAI_DEFAULT_ROOT "https://api.openai.com/v1"

namespace liboai {
class Authorization {
public:
  static Authorization &Authorizer() noexcept;
  bool SetKey(std::string_view key) noexcept;
  bool SetKeyFile(const std::filesystem::path &path) noexcept;
  bool SetKeyEnv(std::string_view var) noexcept;
};
class OpenAI {
public:
  Authorization &auth = Authorization::Authorizer();
};
} // namespace liboai
