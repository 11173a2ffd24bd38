// reads the key (was OPENAI_API_KEY in the other tool)
#include <curl/curl.h>
#include <string>
std::string apiKey();
void listProjects() {
  std::string auth = "Authorization: Bearer " + apiKey();
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, "https://api.openai.com/v1/organization/projects");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_perform(curl);
}
