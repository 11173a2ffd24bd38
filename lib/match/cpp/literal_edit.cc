#include "match/cpp/literal_edit.h"

#include <algorithm>
#include <cctype>

namespace keyshift::cpp {

namespace {

bool isUrlContinuation(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
         c == '_';
}

bool hasPath(std::string_view prefix) {
  std::size_t scheme = prefix.find("://");
  std::size_t from = scheme == std::string_view::npos ? 0 : scheme + 3;
  return prefix.find('/', from) != std::string_view::npos;
}

} // namespace

std::optional<SpelledLiteral> parseStringLiteralToken(std::string_view token) {
  SpelledLiteral lit;
  std::size_t pos = 0;
  for (std::string_view enc : {"u8", "L", "u", "U"}) {
    if (token.substr(0, enc.size()) == enc) {
      lit.encoding = std::string(enc);
      pos = enc.size();
      break;
    }
  }
  if (pos < token.size() && token[pos] == 'R') {
    lit.raw = true;
    ++pos;
  }
  if (pos >= token.size() || token[pos] != '"')
    return std::nullopt;
  ++pos;
  if (lit.raw) {
    std::size_t paren = token.find('(', pos);
    if (paren == std::string_view::npos)
      return std::nullopt;
    lit.delimiter = std::string(token.substr(pos, paren - pos));
    std::string closing = ")" + lit.delimiter + "\"";
    std::size_t close = token.rfind(closing);
    if (close == std::string_view::npos || close < paren + 1)
      return std::nullopt;
    lit.body_offset = paren + 1;
    lit.body_length = close - lit.body_offset;
    return lit;
  }
  std::size_t i = pos;
  while (i < token.size() && token[i] != '"') {
    if (token[i] == '\\')
      ++i;
    ++i;
  }
  if (i >= token.size())
    return std::nullopt;
  lit.body_offset = pos;
  lit.body_length = i - pos;
  return lit;
}

std::optional<std::string> encodeForLiteral(std::string_view text,
                                            const SpelledLiteral &literal) {
  if (literal.raw) {
    if (text.find(")" + literal.delimiter + "\"") != std::string_view::npos)
      return std::nullopt;
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

UrlRewrite rewriteUrlPrefixes(std::string_view token,
                              const SpelledLiteral &literal,
                              const std::vector<std::string> &prefixes,
                              std::string_view base_url) {
  UrlRewrite result;
  std::string_view body =
      token.substr(literal.body_offset, literal.body_length);
  if (body.find(kOpenAiHost) == std::string_view::npos)
    return result;

  // Longest first, so ".../v1" wins over the bare origin.
  std::vector<std::string> ordered = prefixes;
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const std::string &a, const std::string &b) {
                     return a.size() > b.size();
                   });
  while (!base_url.empty() && base_url.back() == '/')
    base_url.remove_suffix(1);

  std::size_t hosts_seen = 0;
  std::size_t hosts_moved = 0;
  for (std::size_t at = body.find(kOpenAiHost); at != std::string_view::npos;
       at = body.find(kOpenAiHost, at + 1))
    ++hosts_seen;

  std::size_t pos = 0;
  while (pos < body.size()) {
    bool matched = false;
    for (const std::string &prefix : ordered) {
      if (body.substr(pos, prefix.size()) != prefix)
        continue;
      std::size_t after = pos + prefix.size();
      if (after < body.size() && isUrlContinuation(body[after]))
        continue;
      std::string target(base_url);
      if (!hasPath(prefix)) {
        if (target.size() < 3 || target.substr(target.size() - 3) != "/v1")
          break; // no root to map the bare origin to: needs review
        target.resize(target.size() - 3);
      }
      std::optional<std::string> spelled = encodeForLiteral(target, literal);
      if (!spelled)
        break;
      result.edits.push_back(
          TokenEdit{literal.body_offset + pos, prefix.size(), *spelled});
      ++hosts_moved;
      pos = after;
      matched = true;
      break;
    }
    if (!matched)
      ++pos;
  }
  if (hosts_moved != hosts_seen) {
    result.edits.clear();
    result.status = UrlRewriteStatus::NeedsReview;
    return result;
  }
  result.status = UrlRewriteStatus::Rewritten;
  return result;
}

} // namespace keyshift::cpp
