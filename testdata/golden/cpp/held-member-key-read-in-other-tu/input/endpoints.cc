#include "endpoints.h"
std::string apiBase() { return "https://api.openai.com/v1"; }
