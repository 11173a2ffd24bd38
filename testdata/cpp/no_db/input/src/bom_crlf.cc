#include <string>

std::string endpoint() {
  return u8"https://api.openai.com/v1/responses";
}
