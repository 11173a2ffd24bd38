// An assistant that talks to OpenAI through openai-cpp's public names.
#include <cstdlib>
#include <openai/openai.hpp>
#include <string>

namespace assistant {

// The key comes from the environment: the client moves with it.
void connectFromEnvironment() {
  openai::start(std::getenv("OPENAI_API_KEY"));
}

// No key given: openai-cpp reads OPENAI_API_KEY itself; keyshift passes
// the proxy key explicitly.
void connectDefault() { openai::start(); }

// Through a namespace alias: the call still resolves to _detail::start.
namespace oa = openai;
void connectAliased() { oa::start(); }

} // namespace assistant
