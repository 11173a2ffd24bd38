// Raw libcurl with the key from OPENAI_API_KEY in the Authorization
// header: the key read is renamed to the proxy's, so the URL moves too.
#include <curl/curl.h>

#include <cstdlib>
#include <string>

CURLcode postChat(CURL *curl, const std::string &body) {
  const char *key = std::getenv("LLM_PROXY_KEY");
  if (key == nullptr)
    return CURLE_LOGIN_DENIED;
  std::string auth = std::string("Authorization: Bearer ") + key;
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL,
                   "https://llm-proxy.example/v1/chat/completions");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  return rc;
}
