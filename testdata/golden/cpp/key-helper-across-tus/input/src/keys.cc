// The one place the service reads its key.
#include "config.h"

#include <cstdlib>
#include <stdexcept>

namespace assistant {

std::string apiKey() {
  const char *key = std::getenv("OPENAI_API_KEY");
  if (key == nullptr || *key == '\0')
    throw std::runtime_error("OPENAI_API_KEY is not set");
  return key;
}

} // namespace assistant
