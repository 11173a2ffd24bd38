// Chat and embeddings over libcurl, the JSON bodies built with nlohmann.
#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>

static const char *kChatUrl = "https://api.openai.com/v1/chat/completions";

CURLcode ask(CURL *curl, const std::string &question) {
  const char *key = std::getenv("OPENAI_API_KEY");
  if (key == nullptr)
    return CURLE_LOGIN_DENIED;
  nlohmann::json body = {
      {"model", "gpt-4o-mini"},
      {"messages", {{{"role", "user"}, {"content", question}}}},
  };
  std::string payload = body.dump();
  std::string auth = std::string("Authorization: Bearer ") + key;
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, kChatUrl);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  return rc;
}

CURLcode embedWithAdminKey(CURL *curl, const std::string &text) {
  // The admin key stays with OpenAI: so do this URL and the name it sends.
  const char *key = std::getenv("OPENAI_ADMIN_KEY");
  nlohmann::json body;
  body["model"] = "text-embedding-3-small";
  body["input"] = text;
  std::string payload = body.dump();
  std::string auth = std::string("Authorization: Bearer ") + key;
  curl_slist *headers = curl_slist_append(nullptr, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, "https://api.openai.com/v1/embeddings");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  return rc;
}
