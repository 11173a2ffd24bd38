// Where the service sends its requests.
#pragma once

#include <string>

namespace svc {

/// The API root, without a trailing slash.
std::string apiBase();
/// The chat completions endpoint.
std::string chatUrl();

} // namespace svc
