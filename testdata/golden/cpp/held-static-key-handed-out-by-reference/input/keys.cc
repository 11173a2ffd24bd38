#include "keys.h"
#include <cstdlib>
std::string &keySlot() {
  static std::string key = std::getenv("OPENAI_API_KEY");
  return key;
}
