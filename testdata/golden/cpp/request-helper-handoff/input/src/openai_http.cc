// One file for the service's OpenAI calls: a small libcurl helper that
// sends whatever URL and key it is given, and the calls that use it.
#include <curl/curl.h>

#include <cstdlib>
#include <string>

namespace {

size_t collect(char *data, size_t size, size_t n, void *out) {
  static_cast<std::string *>(out)->append(data, size * n);
  return size * n;
}

std::string post(const std::string &url, const std::string &key,
                 const std::string &body) {
  std::string auth = "Authorization: Bearer " + key;
  CURL *curl = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  std::string response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return response;
}

const char *env(const char *name) {
  const char *value = std::getenv(name);
  return value ? value : "";
}

} // namespace

// Moves: the helper sends OPENAI_API_KEY with it.
std::string embed(const std::string &text) {
  return post("https://api.openai.com/v1/embeddings", env("OPENAI_API_KEY"),
              "{\"model\":\"text-embedding-3-small\",\"input\":\"" + text +
                  "\"}");
}

// Stays: the same helper sends the admin key to the usage API.
std::string usage() {
  std::string url = "https://api.openai.com/v1/organization/usage/completions";
  return post(url, env("OPENAI_ADMIN_KEY"), "{}");
}
