#include "env.h"
#include <curl/curl.h>
void complete() {
  std::string auth = "Authorization: Bearer " + envOr(kKeyVar, "/home/me/.openai_key");
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, "https://api.openai.com/v1/chat/completions");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_perform(curl);
}
