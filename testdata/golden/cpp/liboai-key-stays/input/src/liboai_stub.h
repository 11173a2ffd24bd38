// The part of liboai's API this tool uses (liboai sends every request to
// its fixed root, https://api.openai.com/v1).
#pragma once

#include <string_view>

namespace liboai {
class Authorization {
public:
  static Authorization &Authorizer() noexcept;
  bool SetKeyEnv(std::string_view var) noexcept;
};
class OpenAI {
public:
  Authorization &auth = Authorization::Authorizer();
};
} // namespace liboai
