// Error-message helpers for .keyshift.json and rules/proxies.json: JSON
// pointers, "did you mean", nlohmann parse errors as file:line:col. A copy
// of lib/ruleset's private helpers, kept here so config depends only on base.
#ifndef KEYSHIFT_CONFIG_JSON_DIAG_H_
#define KEYSHIFT_CONFIG_JSON_DIAG_H_

#include "base/error.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::config::detail {

/// "/a" + "b/c" -> "/a/b~1c" (RFC 6901 escaping).
std::string pointerAppend(std::string_view pointer, std::string_view token);

/// "source: pointer: problem" as a Config error.
Error jsonError(std::string_view source, std::string_view pointer,
                std::string_view problem);

/// didYouMean, falling back to the single candidate the word abbreviates.
std::string suggest(std::string_view word,
                    const std::vector<std::string> &candidates);

/// "source:line:col: invalid JSON: what" from nlohmann's 1-based byte.
Error invalidJson(std::string_view source, std::string_view text,
                  std::size_t byte, std::string_view what);

} // namespace keyshift::config::detail

#endif // KEYSHIFT_CONFIG_JSON_DIAG_H_
