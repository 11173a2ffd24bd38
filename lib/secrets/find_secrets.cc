#include "secrets/find_secrets.h"

#include "secrets/redaction.h"

#include <re2/re2.h>

#include <cassert>
#include <string>

namespace keyshift::secrets {
namespace {

// Group 1 is the candidate token. The leading alternation is the word
// boundary: start of text, a non-key character, or a backslash escape
// (\n, \r, \t) as found inside JSON strings. The body is unbounded and
// greedy so a token always ends at a non-key character; classifyKey then
// rejects over-long tokens.
const RE2 &candidatePattern() {
  static const RE2 pattern(std::string(R"((?:^|[^A-Za-z0-9_-]|\\[nrt]))") +
                           "(sk-[A-Za-z0-9_-]{" +
                           std::to_string(kMinKeyBodyLength) + ",})");
  assert(pattern.ok() && "bad candidate pattern");
  return pattern;
}

} // namespace

std::vector<SecretMatch> findSecrets(std::string_view text) {
  std::vector<SecretMatch> matches;
  if (text.find("sk-") == std::string_view::npos)
    return matches;
  const RE2 &pattern = candidatePattern();
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece groups[2];
  std::size_t pos = 0;
  while (pos < text.size() &&
         pattern.Match(input, pos, text.size(), RE2::UNANCHORED, groups, 2)) {
    const std::size_t begin =
        static_cast<std::size_t>(groups[1].data() - text.data());
    const std::size_t end = begin + groups[1].size();
    std::string_view token = text.substr(begin, end - begin);
    if (auto kind = classifyKey(token))
      matches.push_back(SecretMatch{ByteRange::fromBounds(begin, end),
                                    std::string(keyKindName(*kind)), *kind});
    pos = end;
  }
  return matches;
}

std::string redactSecrets(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  for (const SecretMatch &m : findSecrets(text)) {
    out.append(text.substr(copied, m.range.offset - copied));
    out.append(redact(text.substr(m.range.offset, m.range.length)));
    copied = m.range.end();
  }
  out.append(text.substr(copied));
  return out;
}

} // namespace keyshift::secrets
