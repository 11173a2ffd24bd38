#include "config/config_file.h"

#include "base/json_diag.h"
#include "config/presets.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace keyshift::config {
namespace {
namespace fs = std::filesystem;

using Json = nlohmann::ordered_json;
using json_diag::jsonError;
using json_diag::pointerAppend;

/// Reads one JSON object's keys, rejecting unknown ones; each handler
/// stores a value and returns an error for a wrong type.
struct ObjectReader {
  std::string_view source;

  template <typename Handler>
  Result<void> read(const Json &j, const std::string &pointer,
                    const std::vector<std::string> &keys,
                    Handler handle) const {
    if (!j.is_object())
      return jsonError(source, pointer, "must be an object");
    for (const auto &[key, value] : j.items()) {
      std::string child = pointerAppend(pointer, key);
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        return jsonError(source, child,
                         "unknown key '" + key + "'" +
                             json_diag::suggest(key, keys));
      if (auto r = handle(key, value, child); !r)
        return r;
    }
    return {};
  }

  Result<void> boolean(const Json &j, const std::string &pointer,
                       std::optional<bool> &out) const {
    if (!j.is_boolean())
      return jsonError(source, pointer, "must be a boolean");
    out = j.get<bool>();
    return {};
  }

  Result<void> string(const Json &j, const std::string &pointer,
                      std::optional<std::string> &out) const {
    if (!j.is_string())
      return jsonError(source, pointer, "must be a string");
    out = j.get<std::string>();
    return {};
  }

  Result<void> strings(const Json &j, const std::string &pointer,
                       std::optional<std::vector<std::string>> &out) const {
    if (!j.is_array())
      return jsonError(source, pointer, "must be an array of strings");
    std::vector<std::string> items;
    for (const auto &item : j) {
      if (!item.is_string())
        return jsonError(source, pointer, "must be an array of strings");
      items.push_back(item.get<std::string>());
    }
    out = std::move(items);
    return {};
  }
};

Result<std::string> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return makeError(ErrorCode::Io, path + ": cannot read config file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

Result<FileConfig> parseConfig(std::string_view text, std::string_view path) {
  Json j;
  try {
    j = Json::parse(text.begin(), text.end(), nullptr,
                    /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const nlohmann::json::parse_error &e) {
    return json_diag::invalidJson(path, text, e.byte, e.what());
  } catch (const nlohmann::json::exception &e) {
    // e.g. a number too large for a double: found by config_fuzzer.
    return json_diag::invalidJsonValue(path, e.what());
  }
  if (!j.is_object())
    return jsonError(path, "", "must hold one JSON object");

  FileConfig config;
  config.path = std::string(path);
  ObjectReader r{path};
  static const std::vector<std::string> kTop = {
      "proxy",        "include",  "exclude", "rules",         "shim",
      "include_docs", "baseline", "cpp",     "max_file_size", "models"};
  try {
    auto top = r.read(
        j, "", kTop,
        [&](const std::string &key, const Json &v,
            const std::string &ptr) -> Result<void> {
          if (key == "proxy")
            return r.read(v, ptr,
                          {"preset", "base_url", "key_env", "base_url_env"},
                          [&](const std::string &k, const Json &pv,
                              const std::string &p) {
                            if (k == "preset")
                              return r.string(pv, p, config.preset);
                            if (k == "base_url")
                              return r.string(pv, p, config.base_url);
                            if (k == "key_env")
                              return r.string(pv, p, config.key_env);
                            return r.string(pv, p, config.base_url_env);
                          });
          if (key == "include")
            return r.strings(v, ptr, config.include);
          if (key == "exclude")
            return r.strings(v, ptr, config.exclude);
          if (key == "rules")
            return r.read(v, ptr, {"disable", "extra"},
                          [&](const std::string &k, const Json &rv,
                              const std::string &p) {
                            return k == "disable"
                                       ? r.strings(rv, p, config.disable)
                                       : r.strings(rv, p, config.extra);
                          });
          if (key == "shim")
            return r.boolean(v, ptr, config.shim);
          if (key == "include_docs")
            return r.boolean(v, ptr, config.include_docs);
          if (key == "baseline")
            return r.string(v, ptr, config.baseline);
          if (key == "cpp")
            return r.read(v, ptr, {"compile_commands_dir", "include_dirs"},
                          [&](const std::string &k, const Json &cv,
                              const std::string &p) {
                            return k == "compile_commands_dir"
                                       ? r.string(cv, p,
                                                  config.compile_commands_dir)
                                       : r.strings(cv, p, config.include_dirs);
                          });
          if (key == "models") {
            // litellm_config is a path; the rest is the model naming.
            Json naming = v;
            if (v.is_object() && v.contains("litellm_config")) {
              if (auto res = r.string(v["litellm_config"],
                                      pointerAppend(ptr, "litellm_config"),
                                      config.litellm_config);
                  !res)
                return res;
              naming.erase("litellm_config");
            }
            auto policy = parseModelPolicy(naming.dump(), ptr, path);
            if (!policy)
              return policy.error();
            config.models = std::move(policy).value();
            return {};
          }
          // max_file_size
          if (!v.is_number_unsigned() || v.get<std::uint64_t>() == 0)
            return jsonError(path, ptr, "must be a positive integer (bytes)");
          config.max_file_size = v.get<std::uint64_t>();
          return {};
        });
    if (!top)
      return top.error();
  } catch (const nlohmann::json::exception &e) {
    // Every get<>() is guarded by a type check, so this is a keyshift bug.
    return makeError(ErrorCode::Internal, std::string(path) + ": " + e.what());
  }
  return config;
}

Result<FileConfig> loadConfig(const std::string &path) {
  auto text = readFile(path);
  if (!text)
    return text.error();
  return parseConfig(*text, path);
}

Result<std::optional<FileConfig>> findConfig(const std::string &start_dir) {
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir, ec).lexically_normal();
  if (ec)
    return makeError(ErrorCode::Io, start_dir + ": " + ec.message());
  // "a/b/" normalizes to "a/b/" with an empty filename; drop it so
  // parent_path() climbs.
  if (dir.has_relative_path() && dir.filename().empty())
    dir = dir.parent_path();
  while (true) {
    fs::path candidate = dir / ".keyshift.json";
    if (fs::is_regular_file(candidate, ec)) {
      auto config = loadConfig(candidate.string());
      if (!config)
        return config.error();
      return std::optional<FileConfig>(std::move(config).value());
    }
    // .git is a directory in a clone and a file in worktrees and submodules.
    if (fs::exists(dir / ".git", ec) || dir == dir.root_path())
      return std::optional<FileConfig>();
    dir = dir.parent_path();
  }
}

} // namespace keyshift::config
