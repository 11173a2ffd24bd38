#pragma once
#include <string>
std::string &keySlot();
