#include <cstdlib>
#include <string>
std::string apiKey() { const char *v = std::getenv("OPENAI_ADMIN_KEY"); return v ? v : ""; }
