#pragma once
#include <string>
void setBase(const std::string &u);
std::string usage();
