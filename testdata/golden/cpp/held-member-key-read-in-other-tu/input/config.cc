#include "endpoints.h"
#include <cstdlib>
std::string loadKey() { return std::getenv("OPENAI_API_KEY"); }
