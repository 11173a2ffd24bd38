// The organization's usage needs the admin key: it stays with OpenAI, and
// so does the URL it is sent to (reported with the chain, not moved).
#include <curl/curl.h>

#include <cstdio>
#include <cstdlib>

static const char *kUsageUrl =
    "https://api.openai.com/v1/organization/usage/completions";

CURLcode fetchUsage(CURL *curl) {
  char auth[512];
  std::snprintf(auth, sizeof auth, "Authorization: Bearer %s",
                std::getenv("OPENAI_ADMIN_KEY"));
  curl_slist *headers = curl_slist_append(nullptr, auth);
  curl_easy_setopt(curl, CURLOPT_URL, kUsageUrl);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  return rc;
}
