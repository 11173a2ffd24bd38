// Native chat helper: the key and the URL of one request, side by side.
#include <curl/curl.h>

#include <cstdlib>
#include <string>

CURLcode postChat(CURL *curl, const std::string &body) {
  const char *key = std::getenv("OPENAI_API_KEY");
  if (key == nullptr)
    return CURLE_LOGIN_DENIED;
  std::string auth = std::string("Authorization: Bearer ") + key;
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL,
                   "https://api.openai.com/v1/chat/completions");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  return rc;
}
