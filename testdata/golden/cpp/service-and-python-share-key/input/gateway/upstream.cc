// The gateway keeps calling OpenAI with the token it was given: the same
// process environment feeds the worker, so OPENAI_API_KEY is one variable.
#include "upstream.h"

#include <curl/curl.h>

namespace gateway {

std::string Upstream::post(const std::string &path,
                           const std::string &body) const {
  CURL *curl = curl_easy_init();
  std::string url = "https://api.openai.com/v1" + path;
  std::string auth = "Authorization: Bearer " + token_;
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return rc == CURLE_OK ? "ok" : "error";
}

} // namespace gateway
