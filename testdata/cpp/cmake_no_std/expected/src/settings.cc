#include "summarizer/settings.h"

#include <cstdlib>
#include <map>

namespace summarizer::settings {

namespace {
std::string orDefault(const char *value, std::string_view fallback) {
  return value != nullptr ? std::string(value) : std::string(fallback);
}
} // namespace

std::optional<Settings> fromEnvironment() {
  const char *key = std::getenv("LLM_PROXY_KEY");
  if (key == nullptr)
    return std::nullopt;
  Settings s;
  s.api_key = key;
  s.api_base = orDefault(std::getenv("LLM_PROXY_URL"), kApiBase);
  std::map<std::string, int> limits{{"gpt-4o-mini", 1024}};
  for (const auto &[model, tokens] : limits)
    if (!model.empty())
      s.max_tokens = tokens;
  return s;
}

} // namespace summarizer::settings
