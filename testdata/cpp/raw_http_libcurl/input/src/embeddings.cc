// libcurl's own bearer option. The request with the key from the
// environment would move with its URL, but the one from the application's
// config cannot be traced (it might be that very read), so nothing here moves.
#include <curl/curl.h>

#include <cstdlib>
#include <string>

namespace {
std::string embeddingsUrl() { return "https://api.openai.com/v1/embeddings"; }
} // namespace

CURLcode embed(CURL *curl) {
  curl_easy_setopt(curl, CURLOPT_URL, embeddingsUrl().c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
  curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, std::getenv("OPENAI_API_KEY"));
  return curl_easy_perform(curl);
}

struct TenantConfig {
  std::string openai_key;
};

CURLcode moderate(CURL *curl, const TenantConfig &config) {
  curl_easy_setopt(curl, CURLOPT_URL, "https://api.openai.com/v1/moderations");
  curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
  curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, config.openai_key.c_str());
  return curl_easy_perform(curl);
}
