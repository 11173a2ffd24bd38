#include "endpoints.h"
#include <curl/curl.h>
#include <cstdlib>
#include <string>
namespace svc {
void listProjects(std::string *out) {
  std::string auth = std::string("Authorization: Bearer ") + std::getenv("OPENAI_ADMIN_KEY");
  std::string url = SVC_API_ROOT + "/organization/projects";
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_perform(curl);
}
}
