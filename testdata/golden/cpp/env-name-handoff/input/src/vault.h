// The secrets client (a library: its sources are not in this repository).
#pragma once

#include <string>

namespace vault {

/// The secret stored under environment-style `name`.
std::string secret(const char *name);

} // namespace vault
