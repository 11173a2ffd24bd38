// A raw HTTP client with one transport per platform. On Linux only the
// last branch is compiled; the Windows and macOS branches are never parsed,
// so keyshift finds their endpoints by bytes and reports them.
#include <cstdlib>
#include <string>

#ifdef _WIN32
#include <windows.h>
#include <winhttp.h>
static const wchar_t *kChatUrl = L"https://api.openai.com/v1/chat/completions";
static std::wstring apiKey() {
  const wchar_t *key = _wgetenv(L"OPENAI_API_KEY");
  return key ? key : L"";
}
#elif defined(__APPLE__)
// NSURLSession wants the URL as a CFString; the text is the same.
static const char *kChatUrl = R"(https://api.openai.com/v1/chat/completions)";
static std::string apiKey() { return std::getenv("OPENAI_API_KEY"); }
#else
static const char *kChatUrl = "https://llm-proxy.example/v1/chat/completions";
static std::string apiKey() {
  const char *key = std::getenv("LLM_PROXY_KEY");
  return key ? key : "";
}
#endif

#if 0
// The key the first prototype shipped with (rotated since).
static const char *kOldKey = "@@FAKE_OPENAI_PROJECT_KEY@@";
#endif

std::string describeRequest() {
  return std::string(kChatUrl) + " (key length " +
         std::to_string(apiKey().size()) + ")";
}
