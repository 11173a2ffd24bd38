// Posts one chat completion with libcurl; the key and the base URL come
// from envOr (env.cc), the variables' names from env.h.
#include "env.h"

#include <curl/curl.h>

#include <cstdio>
#include <string>

static size_t collect(char *data, size_t size, size_t n, void *out) {
  static_cast<std::string *>(out)->append(data, size * n);
  return size * n;
}

int main() {
  std::string key = envOr(kKeyVar, "");
  if (key.empty()) {
    std::fprintf(stderr, "%s is not set\n", kKeyVar);
    return 2;
  }
  std::string url =
      envOr(kBaseVar, "https://api.openai.com/v1") + "/chat/completions";
  CURL *curl = curl_easy_init();
  if (curl == nullptr)
    return 3;
  std::string auth = "Authorization: Bearer " + key;
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  const char *body =
      R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})";
  std::string response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    std::fprintf(stderr, "request failed: %s\n", curl_easy_strerror(rc));
    return 1;
  }
  std::printf("%s\n", response.c_str());
  return 0;
}
