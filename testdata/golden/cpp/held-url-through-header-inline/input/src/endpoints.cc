#include "endpoints.h"
namespace svc {
std::string apiBase() { return "https://api.openai.com/v1"; }
}
