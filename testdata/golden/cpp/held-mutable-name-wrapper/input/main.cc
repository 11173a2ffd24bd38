#include "env.h"
#include <curl/curl.h>
void listModels(bool admin) {
  const char *var = "OPENAI_API_KEY";
  if (admin)
    var = "OPENAI_ADMIN_KEY";
  std::string auth = "Authorization: Bearer " + envOr(var, "");
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, "https://api.openai.com/v1/models");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_perform(curl);
}
