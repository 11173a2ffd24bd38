#pragma once
#include <string>
namespace svc {
std::string apiBase();
}
#define SVC_API_ROOT ::svc::apiBase()
