// Maps a request path to the GenAI operation name and openai.api.type
// (SHIM_SPEC §1.8 "Endpoint" mapping), e.g. "/v1/chat/completions" ->
// ("chat", "chat_completions"). Unknown paths give "_OTHER" so label values
// stay bounded.
#ifndef KEYSHIFT_SHIM_ENDPOINT_H_
#define KEYSHIFT_SHIM_ENDPOINT_H_

#include <string_view>

namespace keyshift::shim {

struct OperationInfo {
  std::string_view operation_name;
  std::string_view openai_api_type; ///< "" when not applicable
};

inline OperationInfo operationForPath(std::string_view path) {
  if (auto q = path.find('?'); q != std::string_view::npos)
    path = path.substr(0, q);
  if (path.ends_with("/chat/completions"))
    return {"chat", "chat_completions"};
  if (path.ends_with("/responses"))
    return {"chat", "responses"};
  if (path.ends_with("/embeddings"))
    return {"embeddings", ""};
  if (path.ends_with("/completions"))
    return {"text_completion", ""};
  return {"_OTHER", ""};
}

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_ENDPOINT_H_
