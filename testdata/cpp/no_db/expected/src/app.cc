#include <cstdlib>
#include <liboai/liboai.h>
#include <openai/openai.hpp>
#include <string>

liboai::OpenAI oai;

bool setUp() {
  openai::start(std::getenv("LLM_PROXY_KEY"), "", true, std::getenv("LLM_PROXY_URL") ? std::string(std::getenv("LLM_PROXY_URL")) + "/" : "https://llm-proxy.example/v1/");
  const char *root = LIBOAI_DEFAULT_ROOT;
  (void)root;
  return oai.auth.SetKeyEnv("LLM_PROXY_KEY") &&
         oai.auth.SetKeyFile("/etc/openai/key");
}

const char *apiBase() { return std::getenv("LLM_PROXY_URL"); }

static const char kEmbeddedKey[] = "@@FAKE_OPENAI_PROJECT_KEY@@";

std::size_t keyLength() { return sizeof kEmbeddedKey; }
