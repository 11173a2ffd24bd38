#include "config.h"
#include "http_client.h"

#include <iostream>

int main() {
  assistant::HttpClient client(assistant::apiKey());
  std::cout << client.complete(R"({"model":"gpt-4o-mini","messages":[]})")
            << "\n";
}
