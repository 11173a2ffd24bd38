#include <string>

std::string endpoint() {
  return u8"https://llm-proxy.example/v1/responses";
}
