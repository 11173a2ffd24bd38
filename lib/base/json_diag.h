// Helpers for error messages about JSON files (rules, .keyshift.json,
// presets, baselines): JSON pointers, "did you mean", and nlohmann parse
// errors mapped to file:line:col. No JSON library here, only text.
#ifndef KEYSHIFT_BASE_JSON_DIAG_H_
#define KEYSHIFT_BASE_JSON_DIAG_H_

#include "base/error.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::json_diag {

/// "/a/b" + "c/d" -> "/a/b/c~1d" (RFC 6901 escaping).
std::string pointerAppend(std::string_view pointer, std::string_view token);

/// "source: pointer: problem" as a Config error ("source: problem" for the
/// whole document).
Error jsonError(std::string_view source, std::string_view pointer,
                std::string_view problem);

/// base/edit_distance.h's didYouMean, falling back to the one candidate the
/// word abbreviates ("set-call-arg" -> "set-call-argument"): truncations are
/// a common slip that plain edit distance finds too far away.
std::string suggest(std::string_view word,
                    const std::vector<std::string> &candidates);

/// "source:line:col: invalid JSON: what" from nlohmann's 1-based byte
/// position and its exception text (whose own line/column prefix is dropped).
/// A trailing comma is named as such, at the comma.
Error invalidJson(std::string_view source, std::string_view text,
                  std::size_t byte, std::string_view what);

/// "source: invalid JSON: what" for a JSON library error that has no
/// position (a number too large, say), without the library's "[json...]"
/// prefix.
Error invalidJsonValue(std::string_view source, std::string_view what);

} // namespace keyshift::json_diag

#endif // KEYSHIFT_BASE_JSON_DIAG_H_
