#include "config/presets.h"

#include "base/json_diag.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace keyshift::config {
namespace {

using Json = nlohmann::ordered_json;
using json_diag::jsonError;
using json_diag::pointerAppend;

bool isPresetName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Result<std::vector<ProxyHeader>> parseHeaders(const Json &j,
                                              const std::string &pointer,
                                              std::string_view source);

Result<Preset> parseOne(const std::string &name, const Json &j,
                        const std::string &pointer, std::string_view source) {
  if (!isPresetName(name))
    return jsonError(source, pointer,
                     "preset names use lower-case letters, digits and '-'");
  if (!j.is_object())
    return jsonError(source, pointer, "must be an object");
  static const std::vector<std::string> keys = {
      "base_url", "key_env", "description", "docs_url", "models", "headers"};
  Preset p;
  p.name = name;
  for (const auto &[key, value] : j.items()) {
    std::string child = pointerAppend(pointer, key);
    auto it = std::find(keys.begin(), keys.end(), key);
    if (it == keys.end())
      return jsonError(source, child,
                       "unknown key '" + key + "'" +
                           json_diag::suggest(key, keys));
    if (key == "models") {
      auto models = parseModelPolicy(value.dump(), child, source);
      if (!models)
        return models.error();
      p.models = std::move(models).value();
      p.models.explicit_map = false; // a preset's map is a default
      continue;
    }
    if (key == "headers") {
      auto headers = parseHeaders(value, child, source);
      if (!headers)
        return headers.error();
      p.headers = std::move(headers).value();
      continue;
    }
    if (!value.is_string())
      return jsonError(source, child, "must be a string");
    std::string s = value.get<std::string>();
    if (key == "base_url")
      p.base_url = s;
    else if (key == "key_env")
      p.key_env = s;
    else if (key == "description")
      p.description = s;
    else
      p.docs_url = s;
  }
  for (const char *required : {"base_url", "key_env", "description"})
    if (!j.contains(required))
      return jsonError(source, pointerAppend(pointer, required),
                       "missing required key");
  if (!isHttpUrl(p.base_url))
    return jsonError(source, pointerAppend(pointer, "base_url"),
                     "must be an http:// or https:// URL");
  if (!isValidEnvName(p.key_env))
    return jsonError(source, pointerAppend(pointer, "key_env"),
                     "must be an environment variable name");
  return p;
}

/// [{"name": "x-portkey-provider", "env": "PORTKEY_PROVIDER"}, ...]
Result<std::vector<ProxyHeader>> parseHeaders(const Json &j,
                                              const std::string &pointer,
                                              std::string_view source) {
  if (!j.is_array())
    return jsonError(source, pointer, "must be an array of objects");
  std::vector<ProxyHeader> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    std::string at = pointerAppend(pointer, std::to_string(i));
    const Json &h = j[i];
    if (!h.is_object())
      return jsonError(source, at, "must be an object");
    ProxyHeader header;
    for (const auto &[key, value] : h.items()) {
      std::string child = pointerAppend(at, key);
      if (key != "name" && key != "env")
        return jsonError(source, child,
                         "unknown key '" + key + "'" +
                             json_diag::suggest(key, {"name", "env"}));
      if (!value.is_string())
        return jsonError(source, child, "must be a string");
      (key == "name" ? header.name : header.env) = value.get<std::string>();
    }
    if (header.name.empty() ||
        header.name.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyz"
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != std::string::npos)
      return jsonError(source, pointerAppend(at, "name"),
                       "must be a header name (letters, digits and '-')");
    if (!isValidEnvName(header.env))
      return jsonError(source, pointerAppend(at, "env"),
                       "must be an environment variable name");
    out.push_back(std::move(header));
  }
  return out;
}

/// A model name as the proxy or the code may spell it: printable, no
/// quotes, backslashes, braces or whitespace (it is written verbatim into
/// string literals of several languages).
bool isModelName(std::string_view name) {
  return !name.empty() && std::none_of(name.begin(), name.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f ||
           std::string_view("\"'\\`{}$").find(c) != std::string_view::npos;
  });
}

} // namespace

Result<ModelPolicy> parseModelPolicy(const std::string &json_text,
                                     const std::string &pointer,
                                     std::string_view source) {
  Json j = Json::parse(json_text);
  if (!j.is_object())
    return jsonError(source, pointer, "must be an object");
  ModelPolicy policy;
  for (const auto &[key, value] : j.items()) {
    std::string child = pointerAppend(pointer, key);
    if (key == "prefix") {
      if (!value.is_string())
        return jsonError(source, child, "must be a string");
      policy.prefix = value.get<std::string>();
      if (!isModelName(policy.prefix) || policy.prefix.back() != '/')
        return jsonError(source, child,
                         "must be a model name prefix ending in '/' "
                         "(\"openai/\"), without quotes or spaces");
    } else if (key == "map") {
      if (!value.is_object())
        return jsonError(source, child,
                         "must be an object mapping model names to names");
      for (const auto &[from, to] : value.items()) {
        std::string at = pointerAppend(child, from);
        if (!isModelName(from))
          return jsonError(source, at,
                           "'" + from +
                               "' is not a model name (no quotes, "
                               "spaces or braces)");
        if (!to.is_string() || !isModelName(to.get<std::string>()))
          return jsonError(source, at,
                           "must be a model name (a string without quotes, "
                           "spaces or braces)");
        policy.map[from] = to.get<std::string>();
      }
      policy.explicit_map = true;
    } else {
      return jsonError(source, child,
                       "unknown key '" + key + "'" +
                           json_diag::suggest(key, {"prefix", "map"}));
    }
  }
  return policy;
}

bool isValidEnvName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
  });
}

bool isHttpUrl(std::string_view url) {
  std::string_view rest;
  if (url.rfind("https://", 0) == 0)
    rest = url.substr(8);
  else if (url.rfind("http://", 0) == 0)
    rest = url.substr(7);
  else
    return false;
  if (rest.empty() || rest[0] == '/' || rest[0] == '?' || rest[0] == '#')
    return false;
  // The URL is written verbatim into string literals of several languages:
  // anything that would need escaping there (quotes, backslash, braces of
  // f-strings and templates, `$`, whitespace, control bytes) is refused
  // rather than escaped — none of it belongs in a proxy URL anyway.
  return std::none_of(rest.begin(), rest.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f ||
           std::string_view("\"'\\`{}$").find(c) != std::string_view::npos;
  });
}

Result<std::vector<Preset>> parsePresets(std::string_view json,
                                         std::string_view source) {
  Json j;
  try {
    j = Json::parse(json.begin(), json.end());
  } catch (const nlohmann::json::parse_error &e) {
    return json_diag::invalidJson(source, json, e.byte, e.what());
  } catch (const nlohmann::json::exception &e) {
    return json_diag::invalidJsonValue(source, e.what());
  }
  if (!j.is_object())
    return jsonError(source, "", "must hold one JSON object");
  for (const auto &[key, value] : j.items())
    if (key != "presets")
      return jsonError(source, pointerAppend("", key),
                       "unknown key '" + key + "'" +
                           json_diag::suggest(key, {"presets"}));
  if (!j.contains("presets"))
    return jsonError(source, "/presets", "missing required key");
  const Json &presets = j["presets"];
  if (!presets.is_object())
    return jsonError(source, "/presets", "must be an object");
  std::vector<Preset> out;
  try {
    for (const auto &[name, value] : presets.items()) {
      auto p = parseOne(name, value, pointerAppend("/presets", name), source);
      if (!p)
        return p.error();
      out.push_back(std::move(p).value());
    }
  } catch (const nlohmann::json::exception &e) {
    return makeError(ErrorCode::Internal,
                     std::string(source) + ": " + e.what());
  }
  std::sort(out.begin(), out.end(),
            [](const Preset &a, const Preset &b) { return a.name < b.name; });
  return out;
}

} // namespace keyshift::config
