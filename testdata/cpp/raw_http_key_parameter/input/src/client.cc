// A request helper that takes its key as a parameter, called with the
// OPENAI_API_KEY read: the URL cannot be told to move with that key, so it
// stays; renaming the read alone would send the proxy key to OpenAI, so
// nothing in this file moves (issue 9's hard rule).
#include <curl/curl.h>

#include <cstdlib>
#include <string>

CURLcode post(CURL *curl, const std::string &key, const std::string &body) {
  curl_slist *headers = nullptr;
  std::string auth = "Authorization: Bearer " + key;
  headers = curl_slist_append(headers, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL,
                   "https://api.openai.com/v1/chat/completions");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  return rc;
}

int main() {
  CURL *curl = curl_easy_init();
  const char *key = std::getenv("OPENAI_API_KEY");
  if (curl == nullptr || key == nullptr)
    return 1;
  CURLcode rc = post(curl, key, R"({"model":"gpt-4o-mini","messages":[]})");
  curl_easy_cleanup(curl);
  return rc == CURLE_OK ? 0 : 1;
}
