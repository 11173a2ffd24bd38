// "Did you mean ...?" for unknown subcommands, rule ids, presets and keys.
#ifndef KEYSHIFT_BASE_EDIT_DISTANCE_H_
#define KEYSHIFT_BASE_EDIT_DISTANCE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift {

/// Levenshtein distance between two strings.
std::size_t editDistance(std::string_view a, std::string_view b);

/// The closest candidate within a distance that scales with the word's
/// length (at most 1/3 of it, at least 1); nullopt when none is close.
std::optional<std::string>
suggestClosest(std::string_view word,
               const std::vector<std::string> &candidates);

/// " (did you mean 'x'?)" or "" — ready to append to a message.
std::string didYouMean(std::string_view word,
                       const std::vector<std::string> &candidates);

} // namespace keyshift

#endif // KEYSHIFT_BASE_EDIT_DISTANCE_H_
