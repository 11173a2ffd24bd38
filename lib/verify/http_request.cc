#include "verify/http_request.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace keyshift::verify {
namespace {

std::size_t append(char *data, std::size_t size, std::size_t n, void *out) {
  static_cast<std::string *>(out)->append(data, size * n);
  return size * n;
}

struct CurlDeleter {
  void operator()(CURL *c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist *l) const { curl_slist_free_all(l); }
};

} // namespace

Result<HttpReply> send(const HttpRequest &request) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl)
    return makeError(ErrorCode::Io, "cannot start an HTTP request (libcurl)");
  std::unique_ptr<curl_slist, ListDeleter> headers;
  auto add = [&](const std::string &h) {
    headers.reset(curl_slist_append(headers.release(), h.c_str()));
  };
  add("Authorization: Bearer " + request.bearer_key);
  add("Accept: application/json");
  HttpReply reply;
  CURL *c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  // Never follow a redirect: the key must not travel to another host.
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
  if (request.method == "POST") {
    add("Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.json_body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE,
                     static_cast<long>(request.json_body.size()));
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OPERATION_TIMEDOUT)
    return makeError(ErrorCode::Io,
                     "no answer from " + request.url + " within " +
                         std::to_string(request.timeout_ms) + " ms");
  if (rc != CURLE_OK)
    return makeError(ErrorCode::Io,
                     request.url + ": " + curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

} // namespace keyshift::verify
