#include "verify/proxy_probe.h"

#include "verify/http_request.h"

#include <nlohmann/json.hpp>

namespace keyshift::verify {
namespace {

/// The error for a reply that is not a success; `what` names the request.
Error refusal(const Probe &probe, const std::string &url, long status,
              const std::string &body) {
  if (status == 401 || status == 403)
    return makeError(ErrorCode::Io, "the proxy did not accept the key in " +
                                        probe.key_env + " (HTTP " +
                                        std::to_string(status) + " from " +
                                        url + ")");
  if (status == 404)
    return makeError(ErrorCode::Io,
                     url + ": HTTP 404: the base URL is probably wrong (it "
                           "should be the one the SDK's base_url takes, "
                           "e.g. https://host/v1)");
  // The proxy's own words help, in one line and short.
  std::string said;
  for (char c : body.substr(0, 200))
    said += (c == '\n' || c == '\r' || static_cast<unsigned char>(c) < 0x20)
                ? ' '
                : c;
  return makeError(ErrorCode::Io, url + ": HTTP " + std::to_string(status) +
                                      (said.empty() ? "" : ": " + said));
}

} // namespace

Result<std::set<std::string>> servedModels(const Probe &probe) {
  HttpRequest request;
  request.url = probe.base_url + "/models";
  request.bearer_key = probe.key;
  request.timeout_ms = probe.timeout_ms;
  auto reply = send(request);
  if (!reply.ok())
    return reply.error();
  if (reply->status != 200)
    return refusal(probe, request.url, reply->status, reply->body);
  auto json = nlohmann::json::parse(reply->body, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("data") ||
      !json["data"].is_array())
    return makeError(ErrorCode::Io,
                     request.url + ": not a model list (expected JSON with "
                                   "a \"data\" array, as OpenAI's /models)");
  std::set<std::string> ids;
  for (const auto &m : json["data"])
    if (m.is_object() && m.contains("id") && m["id"].is_string())
      ids.insert(m["id"].get<std::string>());
  return ids;
}

Result<void> chatOnce(const Probe &probe, const std::string &model) {
  HttpRequest request;
  request.method = "POST";
  request.url = probe.base_url + "/chat/completions";
  request.bearer_key = probe.key;
  request.timeout_ms = probe.timeout_ms;
  request.json_body = nlohmann::json{
      {"model", model},
      {"messages", {{{"role", "user"}, {"content", "ping"}}}},
      {"max_tokens", 1}}.dump();
  auto reply = send(request);
  if (!reply.ok())
    return reply.error();
  if (reply->status != 200)
    return refusal(probe, request.url, reply->status, reply->body);
  return {};
}

} // namespace keyshift::verify
