#include "endpoints.h"
#include <curl/curl.h>
void Client::listProjects() {
  std::string auth = "Authorization: Bearer " + key_;
  std::string url = apiBase() + "/models";
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_perform(curl);
}
