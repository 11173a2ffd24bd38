#include "base/content_hash.h"

namespace keyshift {

std::uint64_t contentHash(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // The length, so that appending a byte that happens to cancel out still
  // changes the hash.
  h ^= static_cast<std::uint64_t>(bytes.size());
  h *= 1099511628211ull;
  return h;
}

} // namespace keyshift
