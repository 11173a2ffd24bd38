#include "summarizer/settings.h"

#include <cstdio>

int main() {
  if (auto s = summarizer::settings::fromEnvironment(); s.has_value()) {
    if constexpr (sizeof(int) >= 4)
      std::printf("%s/chat/completions (%d tokens)\n", s->api_base.c_str(),
                  s->max_tokens);
    return 0;
  }
  std::fputs("OPENAI_API_KEY is not set\n", stderr);
  return 1;
}
