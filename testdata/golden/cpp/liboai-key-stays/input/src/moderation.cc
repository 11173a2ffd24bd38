// A moderation tool on liboai: it cannot be pointed at the proxy, so the
// key it reads must stay an OpenAI key.
#include "liboai_stub.h"

#include <iostream>

int main() {
  liboai::OpenAI oai;
  if (!oai.auth.SetKeyEnv("OPENAI_API_KEY")) {
    std::cerr << "OPENAI_API_KEY is not set\n";
    return 1;
  }
  std::cout << "ready\n";
}
