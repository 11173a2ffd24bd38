// Posts one chat completion with libcurl: the key from apiKey() (keys.cc),
// the base URL from envOr() (env.cc).
#include "env.h"

#include <curl/curl.h>

#include <cstdio>
#include <string>

namespace {

size_t collect(char *data, size_t size, size_t n, void *out) {
  static_cast<std::string *>(out)->append(data, size * n);
  return size * n;
}

} // namespace

int main() {
  std::string url =
      chat::envOr(chat::kBaseVar, "https://api.openai.com/v1") +
      "/chat/completions";
  std::string auth = "Authorization: Bearer " + chat::apiKey();
  CURL *curl = curl_easy_init();
  if (curl == nullptr)
    return 3;
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  std::string response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS,
                   R"({"model":"gpt-4o-mini","messages":[]})");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  std::printf("%s\n", response.c_str());
  return rc == CURLE_OK ? 0 : 1;
}
