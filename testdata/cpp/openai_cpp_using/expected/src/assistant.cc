// An assistant that talks to OpenAI through openai-cpp's public names.
#include <cstdlib>
#include <openai/openai.hpp>
#include <string>

namespace assistant {

// The key comes from the environment: the client moves with it.
void connectFromEnvironment() {
  openai::start(std::getenv("LLM_PROXY_KEY"), "", true, std::getenv("LLM_PROXY_URL") ? std::string(std::getenv("LLM_PROXY_URL")) + "/" : "https://llm-proxy.example/v1/");
}

// No key given: openai-cpp reads OPENAI_API_KEY itself; keyshift passes
// the proxy key explicitly.
void connectDefault() { openai::start(std::getenv("LLM_PROXY_KEY"), "", true, std::getenv("LLM_PROXY_URL") ? std::string(std::getenv("LLM_PROXY_URL")) + "/" : "https://llm-proxy.example/v1/"); }

// Through a namespace alias: the call still resolves to _detail::start.
namespace oa = openai;
void connectAliased() { oa::start(std::getenv("LLM_PROXY_KEY"), "", true, std::getenv("LLM_PROXY_URL") ? std::string(std::getenv("LLM_PROXY_URL")) + "/" : "https://llm-proxy.example/v1/"); }

} // namespace assistant
