#pragma once
#include <string>
namespace svc {
void apiBase(std::string &out);
}
