// A program that talks to OpenAI directly: POSTs one chat completion with
// libcurl, the key read from OPENAI_API_KEY. keyshift rewrites it to the
// proxy; e2e_libcurl_test.cc builds and runs the result.
#include <curl/curl.h>

#include <cstdio>
#include <cstdlib>
#include <string>

static size_t collect(char *data, size_t size, size_t n, void *out) {
  static_cast<std::string *>(out)->append(data, size * n);
  return size * n;
}

int main() {
  const char *key = std::getenv("OPENAI_API_KEY");
  if (key == nullptr) {
    std::fprintf(stderr, "OPENAI_API_KEY is not set\n");
    return 2;
  }
  CURL *curl = curl_easy_init();
  if (curl == nullptr)
    return 3;
  std::string auth = std::string("Authorization: Bearer ") + key;
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  const char *body =
      R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})";
  std::string response;
  curl_easy_setopt(curl, CURLOPT_URL,
                   "https://api.openai.com/v1/chat/completions");
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
