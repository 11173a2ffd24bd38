#include "keyshift/shim/client.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <mutex>

namespace keyshift::shim {
namespace {

void initCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Reads "model" and the usage counts from one JSON object (a whole body or
// one SSE event); absent members leave the outputs untouched.
void readModelAndUsage(const nlohmann::json &doc, std::string &model,
                       int64_t &input_tokens, int64_t &output_tokens) {
  if (!doc.is_object())
    return;
  if (auto m = doc.find("model"); m != doc.end() && m->is_string())
    model = m->get<std::string>();
  // The Responses API nests the object under "response" in stream events.
  if (auto r = doc.find("response"); r != doc.end() && r->is_object())
    readModelAndUsage(*r, model, input_tokens, output_tokens);
  auto u = doc.find("usage");
  if (u == doc.end() || !u->is_object())
    return;
  auto read = [&](const char *name, int64_t &out) {
    if (auto it = u->find(name); it != u->end() && it->is_number_integer())
      out = it->get<int64_t>();
  };
  read("prompt_tokens", input_tokens);
  read("input_tokens", input_tokens);
  read("completion_tokens", output_tokens);
  read("output_tokens", output_tokens);
}

struct AttemptState {
  const Client::ChunkCallback *on_chunk = nullptr;
  Headers headers;
  std::string body;
  std::string sse_line;   ///< partial SSE line carried between chunks
  bool committed = false; ///< a 2xx stream has started
  bool decided = false;   ///< whether to stream has been decided
  CURL *curl = nullptr;
  bool first_chunk_seen = false;
  int64_t first_chunk_ms = -1;
  MonoClock *clock = nullptr;
  std::string model;
  int64_t input_tokens = -1;
  int64_t output_tokens = -1;
};

void scanSse(AttemptState &st, std::string_view data) {
  st.sse_line.append(data);
  size_t start = 0;
  for (;;) {
    size_t nl = st.sse_line.find('\n', start);
    if (nl == std::string::npos)
      break;
    std::string_view line(st.sse_line.data() + start, nl - start);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line.starts_with("data:")) {
      line.remove_prefix(5);
      if (!line.empty() && line.front() == ' ')
        line.remove_prefix(1);
      if (line != "[DONE]") {
        nlohmann::json doc = nlohmann::json::parse(line, nullptr, false);
        readModelAndUsage(doc, st.model, st.input_tokens, st.output_tokens);
      }
    }
    start = nl + 1;
  }
  st.sse_line.erase(0, start);
}

size_t onHeader(char *data, size_t size, size_t n, void *user) {
  auto &st = *static_cast<AttemptState *>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    st.headers.clear(); // a new response (after 1xx or a redirect)
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
  if (st.on_chunk && !st.decided) {
    // Headers are complete once the body starts, so the status is final:
    // a 2xx commits the call and is passed through (gRPC A6 commit rule).
    st.decided = true;
    long code = 0;
    curl_easy_getinfo(st.curl, CURLINFO_RESPONSE_CODE, &code);
    st.committed = code >= 200 && code < 300;
  }
  if (st.on_chunk && st.committed) {
    if (!st.first_chunk_seen) {
      st.first_chunk_seen = true;
      st.first_chunk_ms = st.clock->nowMs();
    }
    scanSse(st, chunk);
    (*st.on_chunk)(chunk);
    return size * n;
  }
  st.body.append(chunk);
  return size * n;
}

} // namespace

Client::~Client() = default;

Result<std::unique_ptr<Client>> Client::create(ClientOptions options) {
  const char *base = std::getenv(options.base_url_env.c_str());
  if (!base || !*base)
    return ShimError{"client: " + options.base_url_env + " is not set"};
  const char *key = std::getenv(options.api_key_env.c_str());
  if (!key || !*key)
    return ShimError{"client: " + options.api_key_env + " is not set"};
  initCurlOnce();
  std::unique_ptr<Client> c(new Client());
  c->base_url_ = base;
  while (!c->base_url_.empty() && c->base_url_.back() == '/')
    c->base_url_.pop_back();
  c->api_key_ = key;
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

HttpResponse Client::post(std::string_view path, std::string_view json_body) {
  return send(path, json_body, nullptr);
}

HttpResponse Client::postStream(std::string_view path,
                                std::string_view json_body,
                                const ChunkCallback &on_chunk) {
  return send(path, json_body, &on_chunk);
}

HttpResponse Client::send(std::string_view path, std::string_view json_body,
                          const ChunkCallback *on_chunk) {
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
  const int64_t call_start = mono.nowMs();

  HttpResponse out;
  AttemptState st;
  std::string response_model;
  auto attempt = [&](const AttemptContext &ctx) -> AttemptResult {
    st = AttemptState{};
    st.on_chunk = on_chunk;
    st.clock = &mono;
    CURL *curl = curl_easy_init();
    st.curl = curl;
    curl_slist *hdrs = nullptr;
    hdrs = curl_slist_append(hdrs, auth.c_str());
    hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
    hdrs = curl_slist_append(hdrs, "Expect:");
    if (on_chunk)
      hdrs = curl_slist_append(hdrs, "Accept: text/event-stream");
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json_body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(json_body.size()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(std::max<int64_t>(1, ctx.timeout_ms)));
    curl_easy_setopt(
        curl, CURLOPT_CONNECTTIMEOUT_MS,
        static_cast<long>(std::max<int64_t>(1, ctx.connect_timeout_ms)));
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &st);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &st);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(hdrs);
    AttemptResult r;
    if (rc != CURLE_OK && !st.committed) {
      out.transport_error = curl_easy_strerror(rc);
      curl_easy_cleanup(curl);
      r.kind = rc == CURLE_OPERATION_TIMEDOUT ? AttemptKind::Timeout
                                              : AttemptKind::ConnectionError;
      return r;
    }
    if (rc != CURLE_OK)
      out.transport_error = curl_easy_strerror(rc);
    curl_easy_cleanup(curl);
    r.kind = AttemptKind::Response;
    r.status = static_cast<int>(status);
    r.headers = &st.headers;
    r.body = st.body;
    if (status >= 200 && status < 300) {
      if (!on_chunk) {
        nlohmann::json doc = nlohmann::json::parse(st.body, nullptr, false);
        readModelAndUsage(doc, st.model, st.input_tokens, st.output_tokens);
      }
      response_model = st.model;
      r.response_model = response_model;
      r.input_tokens = st.input_tokens;
      r.output_tokens = st.output_tokens;
    }
    return r;
  };
  out.call = policy_->execute(key, op, attempt);
  out.status = out.call.status;
  out.headers = std::move(st.headers);
  out.body = std::move(st.body);
  if (on_chunk && st.first_chunk_ms >= 0)
    policy_->observeTimeToFirstChunk(key, op, response_model,
                                     st.first_chunk_ms - call_start);
  return out;
}

} // namespace keyshift::shim
