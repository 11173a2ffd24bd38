// keyshift::shim::Client: OpenAI-compatible JSON calls over libcurl, run
// through the resilience Policy. The base URL and key come from the
// environment (OPENAI_BASE_URL / OPENAI_API_KEY by default, configurable) or
// from the options. Usage tokens are read from responses into the token
// histogram; streaming (SSE) bodies are passed through to a callback and the
// call lasts until the stream ends (SHIM_SPEC §1.9). A CancelToken aborts a
// call at once, queued, sleeping or in flight (§1.10).
#ifndef KEYSHIFT_SHIM_CLIENT_H_
#define KEYSHIFT_SHIM_CLIENT_H_

#include "keyshift/shim/cancel.h"
#include "keyshift/shim/config.h"
#include "keyshift/shim/environment.h"
#include "keyshift/shim/headers.h"
#include "keyshift/shim/metrics.h"
#include "keyshift/shim/policy.h"
#include "keyshift/shim/result.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::shim {

/// A header every request carries besides the key: a proxy's required
/// header (Portkey's x-portkey-provider, OpenRouter's HTTP-Referer). Its
/// value comes from the environment variable `env`, unless `value` is
/// given; create() fails when neither is set, as for a missing key.
struct ClientHeader {
  std::string name;
  std::string env;
  std::string value;
};

struct ClientOptions {
  std::string base_url_env = "OPENAI_BASE_URL";
  std::string api_key_env = "OPENAI_API_KEY";
  /// Explicit values (e.g. read by the application); when non-empty they
  /// are used instead of the variables above.
  std::string base_url;
  std::string api_key;
  /// Sent with every request (`keyshift presets` lists each proxy's).
  std::vector<ClientHeader> headers;
  PolicyConfig policy;
  /// A variable holding a JSON object of policy members (SHIM_SPEC §1.11)
  /// that override `policy`; "" disables it.
  std::string policy_env = "KEYSHIFT_SHIM_POLICY";
  Environment env = Environment::real();
  /// Borrowed; if null the client owns a registry (see metrics()).
  MetricsRegistry *metrics = nullptr;
};

struct HttpResponse {
  int status = 0; ///< 0 if no response arrived
  Headers headers;
  std::string body; ///< for streams: only non-2xx bodies are kept
  CallResult call;
  std::string transport_error; ///< libcurl's message for the last attempt
  int events = 0;              ///< streams: events received (SSE data events)
};

struct CallOptions {
  /// Cancelling it ends the call with error_type `cancelled` at once; for a
  /// committed stream that is the caller closing it (§1.9 `closed`).
  const CancelToken *cancel = nullptr;
};

class Client {
public:
  /// Reads the environment; fails if the base URL or the key is unset.
  static Result<std::unique_ptr<Client>> create(ClientOptions options);
  ~Client();

  /// POST `json_body` to base_url + `path` ("/chat/completions").
  HttpResponse post(std::string_view path, std::string_view json_body,
                    const CallOptions &options = {});

  /// Like post, but a 2xx body is handed to `on_chunk` as it arrives
  /// (raw SSE bytes). Once 2xx headers arrive the call is committed and is
  /// not retried; the limiter permit is held and the breaker outcome is
  /// recorded when the stream ends. The per-attempt timeout then bounds
  /// each wait between two reads; the call's deadline the whole stream.
  using ChunkCallback = std::function<void(std::string_view)>;
  HttpResponse postStream(std::string_view path, std::string_view json_body,
                          const ChunkCallback &on_chunk,
                          const CallOptions &options = {});

  Policy &policy() { return *policy_; }
  MetricsRegistry &metrics() { return *metrics_; }
  const std::string &baseUrl() const { return base_url_; }

private:
  Client() = default;
  HttpResponse send(std::string_view path, std::string_view json_body,
                    const ChunkCallback *on_chunk, const CallOptions &options);

  std::string base_url_;
  std::string api_key_;
  std::vector<std::string> headers_; ///< "Name: value", from the options
  std::string host_;
  int port_ = 0;
  std::unique_ptr<MetricsRegistry> owned_metrics_;
  MetricsRegistry *metrics_ = nullptr;
  std::unique_ptr<Policy> policy_;
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_CLIENT_H_
