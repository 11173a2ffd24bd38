// A small libcurl client: the key it sends is the one it was built with.
#include "http_client.h"

#include "config.h"

#include <curl/curl.h>

namespace assistant {
namespace {

size_t collect(char *data, size_t size, size_t count, void *out) {
  static_cast<std::string *>(out)->append(data, size * count);
  return size * count;
}

} // namespace

HttpClient::HttpClient(std::string key) : key_(std::move(key)) {}

std::string HttpClient::complete(const std::string &body) {
  CURL *curl = curl_easy_init();
  std::string url = std::string(kApiBase) + "/chat/completions";
  std::string auth = "Authorization: Bearer " + key_;
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  std::string response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, kTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return response;
}

} // namespace assistant
