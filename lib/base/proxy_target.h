// Where rewritten code should send its requests: the proxy's base URL (B),
// the variable holding the proxy key (K) and, optionally, a variable that
// overrides the URL at run time (BE). config/ resolves it (ProxySettings
// adds the preset it came from); every engine reads this one type.
#ifndef KEYSHIFT_BASE_PROXY_TARGET_H_
#define KEYSHIFT_BASE_PROXY_TARGET_H_

#include <map>
#include <string>
#include <vector>

namespace keyshift {

/// How the proxy names models (issue 17). A name in `map` becomes its
/// value; otherwise, with `explicit_map` (a map the user gave), it is
/// reported; otherwise `prefix` is put before a name without a '/'
/// (`gpt-4o` -> `openai/gpt-4o`, never doubled; `ft:` names reported).
/// `served` (from --litellm-config), when not empty, is every name the
/// proxy serves: a name that would not be one is reported.
struct ModelPolicy {
  std::string prefix;
  std::map<std::string, std::string> map;
  bool explicit_map = false;
  std::vector<std::string> served;
  std::string served_source; ///< the file `served` came from
};

/// A header the proxy needs on every request, its value read from `env`.
struct ProxyHeader {
  std::string name; ///< "x-portkey-provider"
  std::string env;  ///< "PORTKEY_PROVIDER"
};

struct ProxyTarget {
  std::string base_url;     ///< B, e.g. https://openrouter.ai/api/v1
  std::string key_env;      ///< K, e.g. OPENROUTER_API_KEY
  std::string base_url_env; ///< BE, may be empty
  ModelPolicy models;
  std::vector<ProxyHeader> headers;
};

/// "x-portkey-provider from PORTKEY_PROVIDER, ...": the headers, for
/// messages.
inline std::string headerList(const ProxyTarget &proxy) {
  std::string out;
  for (const ProxyHeader &h : proxy.headers)
    out += (out.empty() ? "" : ", ") + h.name + " from " + h.env;
  return out;
}

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
