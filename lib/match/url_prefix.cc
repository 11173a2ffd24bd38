#include "match/url_prefix.h"

#include <algorithm>
#include <cctype>

namespace keyshift::url {
namespace {

/// A character that continues a host or path segment: after a prefix, it
/// means the text names something else ("api.openai.com.evil", "/v1beta").
bool continuesUrl(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '%' || c == ':' || c == '@';
}

/// "https://api.openai.com/v1" -> origin "https://api.openai.com", path
/// "/v1".
std::pair<std::string_view, std::string_view> splitOrigin(std::string_view p) {
  std::size_t scheme = p.find("://");
  std::size_t from = scheme == std::string_view::npos ? 0 : scheme + 3;
  std::size_t slash = p.find('/', from);
  if (slash == std::string_view::npos)
    return {p, {}};
  return {p.substr(0, slash), p.substr(slash)};
}

std::string_view defaultPort(std::string_view origin) {
  if (origin.starts_with("https://") || origin.starts_with("wss://"))
    return ":443";
  if (origin.starts_with("http://") || origin.starts_with("ws://"))
    return ":80";
  return {};
}

bool isWebSocket(std::string_view url) {
  return url.starts_with("wss://") || url.starts_with("ws://");
}

bool endsWithVersion(std::string_view s) {
  return s.size() >= 3 && s.substr(s.size() - 3) == "/v1";
}

/// The length `prefix` covers at the start of `text`, or npos.
std::size_t prefixLength(std::string_view text, std::string_view prefix) {
  auto [origin, path] = splitOrigin(prefix);
  if (text.substr(0, origin.size()) != origin)
    return std::string_view::npos;
  std::size_t at = origin.size();
  std::string_view port = defaultPort(origin);
  if (!port.empty() && text.substr(at, port.size()) == port)
    at += port.size();
  if (text.substr(at, path.size()) != path)
    return std::string_view::npos;
  at += path.size();
  if (at < text.size() && continuesUrl(text[at]))
    return std::string_view::npos;
  return at;
}

} // namespace

HostKind hostOf(std::string_view text) {
  std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos)
    return HostKind::Other;
  std::string_view scheme = text.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https" && scheme != "ws" &&
      scheme != "wss")
    return HostKind::Other;
  std::string_view rest = text.substr(scheme_end + 3);
  if (rest.empty())
    return HostKind::NotWritten;
  std::size_t end = rest.find_first_of(":/?#");
  std::string_view host = rest.substr(0, end);
  // Host names are case-insensitive; a trailing dot names the same host.
  std::string lower;
  for (char c : host)
    lower.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
  if (!lower.empty() && lower.back() == '.')
    lower.pop_back();
  constexpr std::string_view kSub = ".api.openai.com";
  bool openai = lower == kOpenAiHost ||
                (lower.size() > kSub.size() && lower.ends_with(kSub));
  return openai ? HostKind::OpenAi : HostKind::Other;
}

const std::vector<std::string> &openAiUrlPrefixes() {
  static const std::vector<std::string> prefixes{
      "https://api.openai.com/v1", "http://api.openai.com/v1",
      "https://api.openai.com", "http://api.openai.com"};
  return prefixes;
}

const std::vector<std::string> &openAiWebSocketPrefixes() {
  static const std::vector<std::string> prefixes{"wss://api.openai.com/v1",
                                                 "ws://api.openai.com/v1"};
  return prefixes;
}

std::optional<std::string> webSocketForm(std::string_view base_url) {
  if (base_url.starts_with("https://"))
    return "wss://" + std::string(base_url.substr(8));
  if (base_url.starts_with("http://"))
    return "ws://" + std::string(base_url.substr(7));
  return std::nullopt;
}

std::optional<PrefixMatch> matchPrefix(std::string_view text,
                                       const std::vector<std::string> &prefixes,
                                       std::string_view base_url) {
  std::vector<std::string_view> ordered(prefixes.begin(), prefixes.end());
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](std::string_view a, std::string_view b) {
                     return a.size() > b.size();
                   });
  while (!base_url.empty() && base_url.back() == '/')
    base_url.remove_suffix(1);
  for (std::string_view prefix : ordered) {
    std::size_t length = prefixLength(text, prefix);
    if (length == std::string_view::npos)
      continue;
    PrefixMatch m;
    m.length = length;
    m.replacement = std::string(base_url);
    if (isWebSocket(prefix)) {
      auto ws = webSocketForm(base_url);
      if (!ws)
        return std::nullopt;
      m.replacement = std::move(*ws);
    }
    if (!endsWithVersion(prefix)) {
      if (!endsWithVersion(m.replacement)) {
        m.bare_host = true;
        m.replacement.clear();
        return m;
      }
      m.replacement.resize(m.replacement.size() - 3);
    }
    return m;
  }
  return std::nullopt;
}

} // namespace keyshift::url
