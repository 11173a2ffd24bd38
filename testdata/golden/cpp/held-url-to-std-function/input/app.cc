#include <functional>
#include <string>

void fetchUsage(const std::function<void(const std::string &)> &send) {
  send("https://api.openai.com/v1/organization/usage/completions");
}
