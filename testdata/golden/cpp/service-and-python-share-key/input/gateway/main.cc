#include "upstream.h"

#include <cstdlib>
#include <iostream>

int main() {
  const char *token = std::getenv("OPENAI_API_KEY");
  gateway::Upstream upstream(token ? token : "");
  std::cout << upstream.post("/models", "") << "\n";
}
