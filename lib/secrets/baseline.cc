#include "secrets/baseline.h"

#include "base/edit_distance.h"
#include "base/json_diag.h"
#include "base/line_index.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace keyshift::secrets {
namespace {

using Json = nlohmann::json;

// "parse error at line 1, column 2: syntax error while parsing value -
// invalid literal; last read: 'x'" -> "syntax error while parsing value -
// invalid literal". The "last read" part is dropped: it echoes file bytes.
std::string describeParseError(std::string_view what) {
  if (auto colon = what.find("column "); colon != std::string_view::npos)
    if (auto sep = what.find(": ", colon); sep != std::string_view::npos)
      what.remove_prefix(sep + 2);
  if (auto last = what.find("; last read"); last != std::string_view::npos)
    what = what.substr(0, last);
  return std::string(what);
}

// strerror() says "Permission denied"; keyshift messages are lower-case.
std::string lowerFirst(std::string s) {
  if (!s.empty())
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

bool isFingerprint(const std::string &s) {
  constexpr std::string_view kPrefix = "sha256:";
  if (s.size() != kPrefix.size() + 16 || s.compare(0, kPrefix.size(), kPrefix))
    return false;
  for (std::size_t i = kPrefix.size(); i < s.size(); ++i)
    if (!std::isxdigit(static_cast<unsigned char>(s[i])) ||
        std::isupper(static_cast<unsigned char>(s[i])))
      return false;
  return true;
}

const std::vector<std::string> &topLevelKeys() {
  static const std::vector<std::string> keys{"version", "secrets"};
  return keys;
}
const std::vector<std::string> &entryKeys() {
  static const std::vector<std::string> keys{"fingerprint", "file", "rule"};
  return keys;
}

// JSON pointer escaping (RFC 6901) for object keys quoted in errors.
std::string pointerToken(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

Result<void> checkKeys(const Json &object,
                       const std::vector<std::string> &known,
                       std::string_view source, const std::string &pointer) {
  for (const auto &item : object.items()) {
    bool is_known = false;
    for (const auto &k : known)
      is_known = is_known || item.key() == k;
    if (!is_known)
      return json_diag::jsonError(
          source, pointer + "/" + pointerToken(item.key()),
          "unknown key" + didYouMean(item.key(), known));
  }
  return {};
}

Result<std::string> stringField(const Json &object, const char *key,
                                bool required, std::string_view source,
                                const std::string &pointer) {
  const std::string where = pointer + "/" + key;
  auto it = object.find(key);
  if (it == object.end()) {
    if (required)
      return json_diag::jsonError(source, where, "missing");
    return std::string();
  }
  if (!it->is_string())
    return json_diag::jsonError(source, where, "expected a string");
  return it->get<std::string>();
}

Result<Baseline> fromJson(const Json &root, std::string_view source) {
  if (!root.is_object())
    return json_diag::jsonError(source, "", "expected a json object");
  if (auto keys = checkKeys(root, topLevelKeys(), source, ""); !keys)
    return keys.error();

  auto version = root.find("version");
  if (version == root.end())
    return json_diag::jsonError(source, "/version", "missing");
  if (!version->is_number_integer())
    return json_diag::jsonError(source, "/version", "expected an integer");
  if (*version != kBaselineVersion)
    return json_diag::jsonError(source, "/version",
                                "unsupported version " + version->dump() +
                                    " (expected " +
                                    std::to_string(kBaselineVersion) + ")");

  Baseline baseline;
  auto secrets = root.find("secrets");
  if (secrets == root.end())
    return baseline;
  if (!secrets->is_array())
    return json_diag::jsonError(source, "/secrets", "expected an array");
  for (std::size_t i = 0; i < secrets->size(); ++i) {
    const Json &item = (*secrets)[i];
    const std::string pointer = "/secrets/" + std::to_string(i);
    if (!item.is_object())
      return json_diag::jsonError(source, pointer, "expected an object");
    if (auto keys = checkKeys(item, entryKeys(), source, pointer); !keys)
      return keys.error();
    auto fp = stringField(item, "fingerprint", true, source, pointer);
    if (!fp)
      return fp.error();
    if (!isFingerprint(*fp))
      return json_diag::jsonError(
          source, pointer + "/fingerprint",
          "expected 'sha256:' and 16 lowercase hex digits");
    auto file = stringField(item, "file", true, source, pointer);
    if (!file)
      return file.error();
    if (file->empty())
      return json_diag::jsonError(source, pointer + "/file", "empty file name");
    auto rule = stringField(item, "rule", false, source, pointer);
    if (!rule)
      return rule.error();
    baseline.add(std::move(*fp), std::move(*file), std::move(*rule));
  }
  return baseline;
}

} // namespace

bool Baseline::containsFingerprint(std::string_view fingerprint) const {
  auto it = known_.lower_bound({std::string(fingerprint), std::string()});
  return it != known_.end() && it->first == fingerprint;
}

bool Baseline::contains(std::string_view fingerprint,
                        std::string_view file) const {
  return known_.count({std::string(fingerprint), std::string(file)}) != 0;
}

void Baseline::add(BaselineEntry entry) {
  known_.emplace(entry.fingerprint, entry.file);
  entries_.insert(std::move(entry));
}

std::vector<BaselineEntry> Baseline::entries() const {
  return {entries_.begin(), entries_.end()};
}

std::string Baseline::serialize() const {
  nlohmann::ordered_json root;
  root["version"] = kBaselineVersion;
  root["secrets"] = nlohmann::ordered_json::array();
  for (const BaselineEntry &e : entries_) {
    nlohmann::ordered_json item;
    item["fingerprint"] = e.fingerprint;
    item["file"] = e.file;
    item["rule"] = e.rule;
    root["secrets"].push_back(std::move(item));
  }
  // replace: a non-UTF-8 file name must not throw out of the library.
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<Baseline> parseBaseline(std::string_view json_text,
                               std::string_view source_name) {
  Json root;
  try {
    root = Json::parse(json_text.begin(), json_text.end());
  } catch (const Json::parse_error &e) {
    // e.byte counts from 1 and points at the last byte read.
    const std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
    const Position pos = LineIndex(json_text).position(offset);
    return makeError(ErrorCode::Config,
                     std::string(source_name) + ":" + std::to_string(pos.line) +
                         ":" + std::to_string(pos.column) +
                         ": invalid json: " + describeParseError(e.what()));
  } catch (const Json::exception &) {
    return makeError(ErrorCode::Config,
                     std::string(source_name) + ": invalid json");
  }
  return fromJson(root, source_name);
}

Result<Baseline> loadBaseline(const std::string &path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found)
    return makeError(ErrorCode::Config,
                     path +
                         ": baseline file does not exist (write one with "
                         "`keyshift audit --write-baseline " +
                         path + "`, or drop the setting)");
  if (status.type() == std::filesystem::file_type::directory)
    return makeError(ErrorCode::Io, path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return makeError(ErrorCode::Io, path + ": cannot read: " +
                                        lowerFirst(std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad())
    return makeError(ErrorCode::Io, path + ": cannot read");
  return parseBaseline(buffer.str(), path);
}

} // namespace keyshift::secrets
