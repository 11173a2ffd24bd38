#pragma once
#include <string>
std::string envOr(const char *name, const std::string &fallback);
