#include <curl/curl.h>
#include <cstdlib>
#include <functional>
#include <string>
struct EnvReader {
  std::string operator()(const char *name) const {
    const char *v = std::getenv(name);
    return v ? v : "";
  }
};
const char *adminKey() { return std::getenv("OPENAI_ADMIN_KEY"); }
void listModels() {
  EnvReader env;
  std::string key = env("OPENAI_ADMIN_KEY");
  if (key.empty())
    key = std::getenv("OPENAI_API_KEY");
  std::string auth = "Authorization: Bearer " + key;
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, "https://api.openai.com/v1/models");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_perform(curl);
}
void listFiles() {
  std::function<const char *()> get = adminKey;
  const char *k = get();
  if (!k)
    k = std::getenv("OPENAI_API_KEY");
  std::string auth = std::string("Authorization: Bearer ") + k;
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, "https://api.openai.com/v1/files");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_perform(curl);
}
