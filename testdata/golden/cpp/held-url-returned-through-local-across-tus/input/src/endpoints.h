#pragma once
#include <string>
namespace svc {
std::string apiBase();
std::string chatUrl();
}
