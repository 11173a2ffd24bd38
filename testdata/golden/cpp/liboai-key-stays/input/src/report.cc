// Another tool of the same repository reads the same variable.
#include <cstdlib>
#include <iostream>

int main() {
  const char *key = std::getenv("OPENAI_API_KEY");
  std::cout << (key ? "key set" : "no key") << "\n";
}
