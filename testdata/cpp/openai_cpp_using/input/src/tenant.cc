// A per-tenant key from the application's own config: keyshift cannot know
// it moves too, so the client is reported, not pointed at the proxy.
#include <openai/openai.hpp>
#include <string>

namespace tenant {

struct Config {
  std::string openai_token;
};

void connect(const Config &config) {
  using openai::start;
  start(config.openai_token);
}

// Not openai-cpp: an unrelated `start` taking a token stays untouched.
namespace jobs {
void start(const std::string &token = "") { (void)token; }
} // namespace jobs

void schedule() { jobs::start(); }

} // namespace tenant
