#include "match/cpp/literal_edit.h"

namespace keyshift::cpp {

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

  std::size_t hosts_seen = 0;
  std::size_t hosts_moved = 0;
  for (std::size_t at = body.find(kOpenAiHost); at != std::string_view::npos;
       at = body.find(kOpenAiHost, at + 1))
    ++hosts_seen;

  // Every URL in the token, each matched as every engine matches one.
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto m = url::matchPrefix(body.substr(pos), prefixes, base_url);
    std::optional<std::string> spelled =
        m && !m->bare_host ? encodeForLiteral(m->replacement, literal)
                           : std::nullopt;
    if (!spelled) {
      ++pos;
      continue;
    }
    result.edits.push_back(
        TokenEdit{literal.body_offset + pos, m->length, *spelled});
    ++hosts_moved;
    pos += m->length;
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
