// Organisation usage, read with the admin key: stays on OpenAI.
#include "env.h"

#include <curl/curl.h>

#include <string>

namespace reports {

void fetchUsage(std::string *out) {
  std::string key = envOr("OPENAI_ADMIN_KEY", "");
  std::string auth = "Authorization: Bearer " + key;
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL,
                   "https://api.openai.com/v1/organization/usage/completions");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
  curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
}

} // namespace reports
