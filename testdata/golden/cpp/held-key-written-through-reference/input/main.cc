#include <curl/curl.h>
#include <cstdlib>
#include <string>
void useAdmin(bool admin) {
  std::string key = std::getenv("OPENAI_API_KEY");
  std::string &slot = key;
  if (admin)
    slot = std::getenv("OPENAI_ADMIN_KEY");
  std::string auth = "Authorization: Bearer " + key;
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, "https://api.openai.com/v1/models");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_perform(curl);
}
