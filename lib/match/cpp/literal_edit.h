// Text-level edits inside C++ string-literal tokens: parse a spelled token
// (`u8R"x(...)x"`, `L"..."`), encode text for its style, and move OpenAI
// URL prefixes to the proxy (match/url_prefix.h decides what a URL is).
// Kept free of Clang so it is cheap to test; the engine only ever edits
// inside literals, which cannot break the TU.
#ifndef KEYSHIFT_MATCH_CPP_LITERAL_EDIT_H_
#define KEYSHIFT_MATCH_CPP_LITERAL_EDIT_H_

#include "match/url_prefix.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::cpp {

/// The parts of one string-literal token as written in the source.
struct SpelledLiteral {
  std::string encoding; ///< "", "u8", "L", "u" or "U"
  bool raw = false;
  std::string delimiter;       ///< raw literals only
  std::size_t body_offset = 0; ///< where the characters start in the token
  std::size_t body_length = 0;
};

/// nullopt when `token` is not one complete string literal (a user-defined
/// suffix is allowed and kept).
std::optional<SpelledLiteral> parseStringLiteralToken(std::string_view token);

/// `text` as it must be spelled inside the literal's body; nullopt when a raw
/// literal cannot hold it (it contains `)delimiter"`).
std::optional<std::string> encodeForLiteral(std::string_view text,
                                            const SpelledLiteral &literal);

/// An edit relative to the start of a token.
struct TokenEdit {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string replacement;
};

enum class UrlRewriteStatus {
  Rewritten,    ///< every OpenAI URL in the token has an edit
  NoOpenAiHost, ///< the token does not mention api.openai.com
  NeedsReview,  ///< it does, but not as a prefix we know how to move
};

struct UrlRewrite {
  UrlRewriteStatus status = UrlRewriteStatus::NoOpenAiHost;
  std::vector<TokenEdit> edits;
};

/// Rewrites each occurrence of one of `prefixes` inside the token's body as
/// url::matchPrefix says (the same URLs as every other engine): to
/// `base_url`, or for a bare origin such as "https://api.openai.com" to
/// `base_url` without its trailing "/v1", so `origin + "/v1/..."`
/// concatenations keep working; when `base_url` has no "/v1" to drop, or a
/// mention of the host is no URL keyshift moves, the token needs review.
UrlRewrite rewriteUrlPrefixes(std::string_view token,
                              const SpelledLiteral &literal,
                              const std::vector<std::string> &prefixes,
                              std::string_view base_url);

using url::kOpenAiHost;

} // namespace keyshift::cpp

#endif // KEYSHIFT_MATCH_CPP_LITERAL_EDIT_H_
