#include "client.h"
#include <curl/curl.h>
#include <cstdlib>
std::string Client::send(const std::string &path) {
  std::string auth = std::string("Authorization: Bearer ") + std::getenv("OPENAI_ADMIN_KEY");
  std::string url = base_ + path;
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_perform(curl);
  return "";
}
