// A fingerprint of a file's bytes, so two parties that read a file at
// different times can tell whether they saw the same bytes without keeping
// or passing the bytes around: the Clang engine reports the hash of the
// buffer it parsed, and the driver applies Clang's offsets only to bytes
// with that hash (docs/RELIABILITY.md, "Content check").
#ifndef KEYSHIFT_BASE_CONTENT_HASH_H_
#define KEYSHIFT_BASE_CONTENT_HASH_H_

#include <cstdint>
#include <string_view>

namespace keyshift {

/// 64-bit FNV-1a of `bytes` mixed with their length. Not a defence against
/// someone crafting a collision (who can write the file can change it
/// anyway); it catches an editor, a formatter or a second tool writing the
/// file while keyshift works on it.
std::uint64_t contentHash(std::string_view bytes);

} // namespace keyshift

#endif // KEYSHIFT_BASE_CONTENT_HASH_H_
