// Moving an OpenAI URL to the proxy, on text alone: which prefix a piece of
// text starts with, and what replaces it. Every engine uses this one
// definition (tree-sitter string pieces, C++ literal tokens), so a URL is
// an OpenAI URL in the same cases everywhere.
//   "https://api.openai.com/v1/chat" -> B + "/chat"
//   "https://api.openai.com:443/v1"  -> B            (default port)
//   "https://api.openai.com/x"       -> B without /v1 + "/x" (bare host)
//   "https://api.openai.com.evil/"   -> no match     (another host)
//   "wss://api.openai.com/v1/realtime" -> B as wss:// + "/realtime"
#ifndef KEYSHIFT_MATCH_URL_PREFIX_H_
#define KEYSHIFT_MATCH_URL_PREFIX_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::url {

/// The host every OpenAI URL literal mentions; the prefilter's trigger too.
inline constexpr std::string_view kOpenAiHost = "api.openai.com";

/// The OpenAI API URL prefixes, longest first.
const std::vector<std::string> &openAiUrlPrefixes();

/// The Realtime API's prefixes (`wss://api.openai.com/v1`, and `ws://`),
/// longest first. A WebSocket prefix is replaced by the base URL's
/// WebSocket form (webSocketForm).
const std::vector<std::string> &openAiWebSocketPrefixes();

/// The WebSocket form of a base URL, the same host and path: `https://` ->
/// `wss://`, `http://` -> `ws://`; nullopt for any other scheme (the proxy
/// then has no WebSocket endpoint keyshift can name).
std::optional<std::string> webSocketForm(std::string_view base_url);

/// One of `prefixes` found at the start of a text.
struct PrefixMatch {
  std::size_t length = 0; ///< bytes of the text the prefix covers
  /// What replaces them; empty when `bare_host` (nothing fits).
  std::string replacement;
  /// The prefix is a bare host (no /v1) and the base URL has no /v1 to
  /// drop: there is no telling what the code appends, so a person decides.
  bool bare_host = false;
};

/// Whether `text` starts with one of `prefixes` (longest first), allowing
/// the scheme's default port after the host (":443", ":80") and ending where
/// the URL's host or path segment ends (not before "-", ".", "_", a letter
/// or digit, ":" or "@"). The replacement is `base_url` without trailing
/// slashes; for a bare-host prefix, without its trailing "/v1" as well; for
/// a WebSocket prefix, its WebSocket form (no match when it has none).
std::optional<PrefixMatch> matchPrefix(std::string_view text,
                                       const std::vector<std::string> &prefixes,
                                       std::string_view base_url);

/// What the start of a URL says about its host, for URLs the prefixes do
/// not move: `wss://api.openai.com/v1/realtime`, a regional or mTLS host
/// (`https://eu.api.openai.com`), or a host built at run time
/// (`https://${host}/v1`).
enum class HostKind {
  Other,      ///< some other host: keys sent there are not OpenAI's concern
  OpenAi,     ///< api.openai.com or one of its subdomains, any scheme
  NotWritten, ///< the scheme ends the text: the host comes from elsewhere
};
HostKind hostOf(std::string_view text);

} // namespace keyshift::url

#endif // KEYSHIFT_MATCH_URL_PREFIX_H_
