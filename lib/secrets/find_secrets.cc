#include "secrets/find_secrets.h"

#include "secrets/redaction.h"

#include <algorithm>
#include <cstring>
#include <optional>

namespace keyshift::secrets {
namespace {

constexpr std::string_view kSk = "sk-";

bool isHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

bool hexRun(std::string_view text, std::size_t from, std::size_t n) {
  for (std::size_t i = from; i < from + n; ++i)
    if (!isHex(text[i]))
      return false;
  return true;
}

// True when a key may start at `pos`: nothing glued to it but an escape
// sequence that ends right there (a JSON "\n", "\u003d", a URL's "%3D").
bool boundaryBefore(std::string_view text, std::size_t pos) {
  if (pos == 0 || !isKeyChar(text[pos - 1]))
    return true;
  const char c = text[pos - 1];
  if (pos >= 2 && text[pos - 2] == '\\' && std::strchr("nrtfbv0", c) != nullptr)
    return true;
  if (pos >= 6 && text[pos - 6] == '\\' && text[pos - 5] == 'u' &&
      hexRun(text, pos - 4, 4))
    return true;
  if (pos >= 4 && text[pos - 4] == '\\' && text[pos - 3] == 'x' &&
      hexRun(text, pos - 2, 2))
    return true;
  return pos >= 3 && text[pos - 3] == '%' && hexRun(text, pos - 2, 2);
}

std::size_t tokenEnd(std::string_view text, std::size_t from) {
  while (from < text.size() && isKeyChar(text[from]))
    ++from;
  return from;
}

bool wanted(const KeyClass &c, const ScanOptions &options) {
  return c.confidence == Confidence::Key || options.possible;
}

SecretMatch makeMatch(std::size_t begin, std::size_t end, const KeyClass &c,
                      KeyEncoding encoding, std::string decoded) {
  return SecretMatch{ByteRange::fromBounds(begin, end),
                     std::string(keyKindName(c.kind)),
                     c.kind,
                     c.confidence,
                     encoding,
                     std::move(decoded)};
}

// A key over adjacent literals: `"sk-proj-ab" "cd…"` (Python, C, C++),
// `"sk-…" + "…"` (JavaScript, Java), `'…' . '…'` (PHP), with line breaks
// and backslash continuations between the pieces. `end` is where the first
// piece's key characters stop; the joined text is classified whole.
constexpr int kMaxPieces = 16;

bool isConcatBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::optional<SecretMatch> splitKey(std::string_view text, std::size_t begin,
                                    std::size_t end,
                                    const ScanOptions &options) {
  std::string joined(text.substr(begin, end - begin));
  std::size_t last = end;
  for (int pieces = 1; pieces < kMaxPieces && last < text.size(); ++pieces) {
    const char quote = text[last];
    if (quote != '"' && quote != '\'' && quote != '`')
      break;
    std::size_t j = last + 1;
    while (j < text.size() && isConcatBlank(text[j]))
      ++j;
    if (j < text.size() && (text[j] == '+' || text[j] == '.' ||
                            (text[j] == '\\' && j + 1 < text.size() &&
                             (text[j + 1] == '\n' || text[j + 1] == '\r'))))
      ++j;
    while (j < text.size() && isConcatBlank(text[j]))
      ++j;
    if (j >= text.size() || text[j] != quote)
      break;
    const std::size_t piece_end = tokenEnd(text, j + 1);
    if (piece_end == j + 1 || joined.size() > kMaxKeyLength)
      break;
    joined.append(text.substr(j + 1, piece_end - j - 1));
    last = piece_end;
  }
  if (last == end)
    return std::nullopt;
  auto c = classifyToken(joined);
  if (!c || !wanted(*c, options))
    return std::nullopt;
  return makeMatch(begin, last, *c, KeyEncoding::Split, std::move(joined));
}

int base64Value(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+' || c == '-')
    return 62;
  if (c == '/' || c == '_')
    return 63;
  return -1;
}

std::string base64Decode(std::string_view run) {
  std::string out;
  out.reserve(run.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : run) {
    const int v = base64Value(c);
    if (v < 0)
      break;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

// Base64 of the shortest key (51 characters) is 68 characters long; runs
// longer than this are images and archives, not configuration.
constexpr std::size_t kMinBase64Run = 68;
constexpr std::size_t kMaxBase64Run = 1u << 20;

void findBase64Keys(std::string_view text, const ScanOptions &options,
                    std::vector<SecretMatch> &out) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (base64Value(text[i]) < 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && base64Value(text[j]) >= 0)
      ++j;
    std::size_t run_end = j;
    while (run_end < text.size() && run_end - j < 2 && text[run_end] == '=')
      ++run_end;
    const std::size_t length = j - i;
    if (length >= kMinBase64Run && length <= kMaxBase64Run) {
      const std::string decoded = base64Decode(text.substr(i, length));
      ScanOptions inner = options;
      inner.deep = false;
      for (SecretMatch &m : findSecrets(decoded, inner)) {
        std::string key = decoded.substr(m.range.offset, m.range.length);
        KeyClass c{m.kind, m.confidence};
        out.push_back(
            makeMatch(i, run_end, c, KeyEncoding::Base64, std::move(key)));
      }
    }
    i = run_end;
  }
}

} // namespace

std::vector<SecretMatch> findSecrets(std::string_view text,
                                     const ScanOptions &options) {
  std::vector<SecretMatch> matches;
  const char *data = text.data();
  std::size_t pos = 0;
  while (pos + kSk.size() <= text.size()) {
    const void *hit =
        ::memmem(data + pos, text.size() - pos, kSk.data(), kSk.size());
    if (hit == nullptr)
      break;
    pos = static_cast<std::size_t>(static_cast<const char *>(hit) - data);
    if (!boundaryBefore(text, pos)) {
      pos += kSk.size();
      continue;
    }
    const std::size_t end = tokenEnd(text, pos + kSk.size());
    auto c = classifyToken(text.substr(pos, end - pos));
    if (options.deep && (!c || c->confidence != Confidence::Key)) {
      if (auto split = splitKey(text, pos, end, options)) {
        pos = split->range.end();
        matches.push_back(std::move(*split));
        continue;
      }
    }
    if (c && wanted(*c, options))
      matches.push_back(makeMatch(pos, end, *c, KeyEncoding::Plain, {}));
    pos = end;
  }
  if (options.deep) {
    findBase64Keys(text, options, matches);
    std::stable_sort(matches.begin(), matches.end(),
                     [](const SecretMatch &a, const SecretMatch &b) {
                       return a.range.offset < b.range.offset;
                     });
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
