#include <cstdlib>
#include <liboai/liboai.h>
#include <openai/openai.hpp>
#include <string>

liboai::OpenAI oai;

bool setUp() {
  openai::start();
  const char *root = LIBOAI_DEFAULT_ROOT;
  (void)root;
  return oai.auth.SetKeyEnv("OPENAI_API_KEY") &&
         oai.auth.SetKeyFile("/etc/openai/key");
}

const char *apiBase() { return std::getenv("OPENAI_API_BASE"); }

static const char kEmbeddedKey[] = "@@FAKE_OPENAI_PROJECT_KEY@@";

std::size_t keyLength() { return sizeof kEmbeddedKey; }
