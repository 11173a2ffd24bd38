// Where rewritten code should send its requests: the proxy's base URL (B),
// the variable holding the proxy key (K) and, optionally, a variable that
// overrides the URL at run time (BE). config/ resolves it (ProxySettings
// adds the preset it came from); every engine reads this one type.
#ifndef KEYSHIFT_BASE_PROXY_TARGET_H_
#define KEYSHIFT_BASE_PROXY_TARGET_H_

#include <string>

namespace keyshift {

struct ProxyTarget {
  std::string base_url;     ///< B, e.g. https://openrouter.ai/api/v1
  std::string key_env;      ///< K, e.g. OPENROUTER_API_KEY
  std::string base_url_env; ///< BE, may be empty
};

/// How rewrites are spelled beyond the proxy itself.
struct RewriteOptions {
  /// `migrate --shim`: wrap rewritten client constructions with the
  /// runtime shim (rules say with what: set-call-argument's shim_wrap).
  bool shim = false;
  /// `--include-docs`: code blocks in documentation (Markdown, RST) are
  /// rewritten, not only reported.
  bool include_docs = false;
};

} // namespace keyshift

#endif // KEYSHIFT_BASE_PROXY_TARGET_H_
