#include "endpoints.h"
namespace svc {
void apiBase(std::string &out) { out = "https://api.openai.com/v1"; }
}
