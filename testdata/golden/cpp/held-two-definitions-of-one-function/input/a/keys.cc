#include <cstdlib>
#include <string>
std::string apiKey() { const char *v = std::getenv("OPENAI_API_KEY"); return v ? v : ""; }
