#include "keyshift/shim/client.h"

#include "keyshift/shim/policy_json.h"
#include "keyshift/shim/sse.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>

namespace keyshift::shim {
namespace {

using SteadyClock = std::chrono::steady_clock;

void initCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct AttemptState {
  const Client::ChunkCallback *on_chunk = nullptr;
  Headers headers;
  std::string body;
  int status = 0;         ///< of the final response, once its headers end
  bool committed = false; ///< a 2xx stream's headers arrived (§1.9)
  MonoClock *clock = nullptr;
  SseScanner sse;
  int64_t first_event_ms = -1;
  SteadyClock::time_point last_read; ///< for the stream's idle timeout
};

size_t onHeader(char *data, size_t size, size_t n, void *user) {
  auto &st = *static_cast<AttemptState *>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    st.headers.clear(); // a new response (after 1xx or a redirect)
    size_t sp = line.find(' ');
    st.status = sp == std::string_view::npos
                    ? 0
                    : std::atoi(std::string(line.substr(sp + 1, 3)).c_str());
    return size * n;
  }
  if (line == "\r\n" || line == "\n") {
    // The headers are complete: a 2xx commits a streaming call here, before
    // any body byte (gRPC A6 commit rule).
    if (st.on_chunk && st.status >= 200 && st.status < 300) {
      st.committed = true;
      st.last_read = SteadyClock::now();
    }
    return size * n;
  }
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string_view name = line.substr(0, colon);
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' ||
                              value.back() == ' ' || value.back() == '\t'))
      value.remove_suffix(1);
    st.headers.add(std::string(name), std::string(value));
  }
  return size * n;
}

size_t onBody(char *data, size_t size, size_t n, void *user) {
  auto &st = *static_cast<AttemptState *>(user);
  std::string_view chunk(data, size * n);
  if (!st.committed) {
    st.body.append(chunk);
    return size * n;
  }
  st.last_read = SteadyClock::now();
  if (st.sse.feed(chunk) > 0 && st.first_event_ms < 0)
    st.first_event_ms = st.clock->nowMs();
  (*st.on_chunk)(chunk);
  // An error event ends the stream as the SDKs do (they raise there).
  return st.sse.errorEvent() ? 0 : size * n;
}

enum class Abort { None, Cancelled, Timeout };

struct Transfer {
  CURLcode code = CURLE_OK;
  Abort abort = Abort::None;
};

// Runs one easy handle on its own multi handle, so a cancel can wake the
// wait (curl_multi_wakeup) and a stream's idle timeout and deadline can be
// checked between reads.
Transfer perform(CURL *curl, const AttemptState &st, const AttemptContext &ctx,
                 MonoClock &mono, int64_t idle_ms) {
  Transfer t;
  CURLM *multi = curl_multi_init();
  curl_multi_add_handle(multi, curl);
  {
    OnCancel wake(ctx.cancel, [multi] { curl_multi_wakeup(multi); });
    const auto t0 = SteadyClock::now();
    const bool stream = st.on_chunk != nullptr;
    const auto headers_by = t0 + std::chrono::milliseconds(ctx.timeout_ms);
    const bool has_deadline = ctx.deadline_ms != kNoDeadline;
    const auto deadline =
        has_deadline
            ? t0 + std::chrono::milliseconds(ctx.deadline_ms - mono.nowMs())
            : SteadyClock::time_point::max();
    for (;;) {
      int running = 0;
      curl_multi_perform(multi, &running);
      if (running == 0) {
        int left = 0;
        while (CURLMsg *m = curl_multi_info_read(multi, &left))
          if (m->msg == CURLMSG_DONE)
            t.code = m->data.result;
        break;
      }
      if (ctx.cancel && ctx.cancel->cancelled()) {
        t.abort = Abort::Cancelled;
        break;
      }
      auto next = SteadyClock::now() + std::chrono::seconds(1);
      if (stream) {
        const auto now = SteadyClock::now();
        const auto due = std::min(
            st.committed ? st.last_read + std::chrono::milliseconds(idle_ms)
                         : headers_by,
            deadline);
        if (now >= due) {
          t.abort = Abort::Timeout;
          break;
        }
        next = std::min(next, due);
      }
      auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
                      next - SteadyClock::now())
                      .count();
      curl_multi_poll(multi, nullptr, 0,
                      static_cast<int>(std::clamp<int64_t>(wait, 1, 1000)),
                      nullptr);
    }
  }
  curl_multi_remove_handle(multi, curl);
  curl_multi_cleanup(multi);
  return t;
}

// How a committed stream ended, from the transfer's outcome (§1.9).
StreamEnd streamEnd(const Transfer &t, const AttemptState &st) {
  if (st.sse.errorEvent())
    return StreamEnd::ErrorEvent;
  if (t.abort == Abort::Cancelled)
    return StreamEnd::Closed;
  if (t.abort == Abort::Timeout || t.code == CURLE_OPERATION_TIMEDOUT)
    return StreamEnd::Timeout;
  return t.code == CURLE_OK ? StreamEnd::Complete : StreamEnd::ConnectionError;
}

std::string valueOrEnv(const std::string &value, const std::string &env) {
  if (!value.empty())
    return value;
  const char *v = std::getenv(env.c_str());
  return v ? v : "";
}

} // namespace

Client::~Client() = default;

Result<std::unique_ptr<Client>> Client::create(ClientOptions options) {
  std::string base = valueOrEnv(options.base_url, options.base_url_env);
  if (base.empty())
    return ShimError{"client: " + options.base_url_env + " is not set"};
  std::string key = valueOrEnv(options.api_key, options.api_key_env);
  if (key.empty())
    return ShimError{"client: " + options.api_key_env + " is not set"};
  std::vector<std::string> headers;
  for (const ClientHeader &h : options.headers) {
    // A name or value that could end the header line would let it inject
    // other headers: refused, as libcurl would send it as is.
    auto bad = [](const std::string &s, std::string_view chars) {
      return s.find_first_of(chars) != std::string::npos;
    };
    if (h.name.empty() || bad(h.name, ":\r\n \t"))
      return ShimError{"client: header name '" + h.name + "' is not valid"};
    std::string value = valueOrEnv(h.value, h.env);
    if (value.empty())
      return ShimError{
          "client: header " + h.name + ": " +
          (h.env.empty() ? std::string("no value") : h.env + " is not set")};
    if (bad(value, "\r\n"))
      return ShimError{"client: header " + h.name +
                       ": the value holds a line break"};
    headers.push_back(h.name + ": " + value);
  }
  if (!options.policy_env.empty())
    if (const char *json = std::getenv(options.policy_env.c_str());
        json && *json) {
      auto policy = applyPolicyJson(std::move(options.policy), json,
                                    "client: " + options.policy_env);
      if (!policy.ok())
        return policy.error();
      options.policy = std::move(policy).value();
    }
  initCurlOnce();
  std::unique_ptr<Client> c(new Client());
  c->base_url_ = std::move(base);
  while (!c->base_url_.empty() && c->base_url_.back() == '/')
    c->base_url_.pop_back();
  c->api_key_ = std::move(key);
  c->headers_ = std::move(headers);
  CURLU *url = curl_url();
  if (curl_url_set(url, CURLUPART_URL, c->base_url_.c_str(), 0) != CURLUE_OK) {
    curl_url_cleanup(url);
    return ShimError{"client: " + options.base_url_env + ": not a valid url '" +
                     c->base_url_ + "'"};
  }
  char *host = nullptr;
  char *port = nullptr;
  curl_url_get(url, CURLUPART_HOST, &host, 0);
  curl_url_get(url, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
  c->host_ = host ? host : "";
  c->port_ = port ? std::atoi(port) : 0;
  curl_free(host);
  curl_free(port);
  curl_url_cleanup(url);
  if (options.metrics) {
    c->metrics_ = options.metrics;
  } else {
    c->owned_metrics_ = std::make_unique<MetricsRegistry>();
    c->metrics_ = c->owned_metrics_.get();
  }
  c->policy_ = std::make_unique<Policy>(std::move(options.policy), options.env,
                                        *c->metrics_);
  return c;
}

HttpResponse Client::post(std::string_view path, std::string_view json_body,
                          const CallOptions &options) {
  return send(path, json_body, nullptr, options);
}

HttpResponse Client::postStream(std::string_view path,
                                std::string_view json_body,
                                const ChunkCallback &on_chunk,
                                const CallOptions &options) {
  return send(path, json_body, &on_chunk, options);
}

HttpResponse Client::send(std::string_view path, std::string_view json_body,
                          const ChunkCallback *on_chunk,
                          const CallOptions &options) {
  std::string model;
  {
    nlohmann::json req = nlohmann::json::parse(json_body, nullptr, false);
    if (req.is_object())
      if (auto m = req.find("model"); m != req.end() && m->is_string())
        model = m->get<std::string>();
  }
  KeyState &key = policy_->key(host_, port_, model);
  const OperationInfo op = operationForPath(path);
  const std::string url = base_url_ + std::string(path);
  const std::string auth = "Authorization: Bearer " + api_key_;
  MonoClock &mono = *policy_->environment().mono;
  const int64_t idle_ms = policy_->config().retry.attempt_timeout_ms;

  HttpResponse out;
  AttemptState st;
  BodyMetrics unary;
  auto attempt = [&](const AttemptContext &ctx) -> AttemptResult {
    st = AttemptState{};
    st.on_chunk = on_chunk;
    st.clock = &mono;
    CURL *curl = curl_easy_init();
    curl_slist *hdrs = nullptr;
    hdrs = curl_slist_append(hdrs, auth.c_str());
    hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
    hdrs = curl_slist_append(hdrs, "Expect:");
    for (const std::string &h : headers_)
      hdrs = curl_slist_append(hdrs, h.c_str());
    if (on_chunk)
      hdrs = curl_slist_append(hdrs, "Accept: text/event-stream");
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json_body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(json_body.size()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // A unary attempt is bounded as a whole; a stream's timeouts (headers,
    // idle, deadline) are checked by perform() since its length is open.
    if (!on_chunk)
      curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                       static_cast<long>(std::max<int64_t>(1, ctx.timeout_ms)));
    curl_easy_setopt(
        curl, CURLOPT_CONNECTTIMEOUT_MS,
        static_cast<long>(std::max<int64_t>(1, ctx.connect_timeout_ms)));
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &st);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &st);
    Transfer t = perform(curl, st, ctx, mono, idle_ms);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (t.code != CURLE_OK)
      out.transport_error = curl_easy_strerror(t.code);
    curl_easy_cleanup(curl);
    curl_slist_free_all(hdrs);
    AttemptResult r;
    if (st.committed) {
      r.kind = AttemptKind::Response;
      r.status = static_cast<int>(status);
      r.headers = &st.headers;
      r.stream_end = streamEnd(t, st);
      r.first_event_ms = st.first_event_ms;
      r.first_event_model = st.sse.firstModel();
      const BodyMetrics &m = st.sse.metrics();
      r.response_model = m.model;
      r.input_tokens = m.input_tokens;
      r.output_tokens = m.output_tokens;
      return r;
    }
    if (t.abort == Abort::Cancelled) {
      r.kind = AttemptKind::Cancelled;
      return r;
    }
    if (t.abort == Abort::Timeout || t.code != CURLE_OK) {
      r.kind = t.abort == Abort::Timeout || t.code == CURLE_OPERATION_TIMEDOUT
                   ? AttemptKind::Timeout
                   : AttemptKind::ConnectionError;
      return r;
    }
    r.kind = AttemptKind::Response;
    r.status = static_cast<int>(status);
    r.headers = &st.headers;
    r.body = st.body;
    if (status >= 200 && status < 300) {
      unary = BodyMetrics{};
      readBodyMetrics(st.body, unary);
      r.response_model = unary.model;
      r.input_tokens = unary.input_tokens;
      r.output_tokens = unary.output_tokens;
    }
    return r;
  };
  out.call = policy_->execute(key, op, attempt, options.cancel);
  out.status = out.call.status;
  out.headers = std::move(st.headers);
  out.body = std::move(st.body);
  out.events = st.sse.events();
  return out;
}

} // namespace keyshift::shim
