#include <curl/curl.h>
#include <cstdlib>
#include <string>
static std::string projectsUrl() {
  std::string u = "https://api.openai.com/v1";
  u += "/organization/projects";
  return u;
}
static std::string adminUrl() {
  std::string u = projectsUrl();
  return u;
}
void listProjects() {
  std::string auth = std::string("Authorization: Bearer ") + std::getenv("OPENAI_ADMIN_KEY");
  std::string url = adminUrl();
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_perform(curl);
}
