#include "match/config/env_values.h"

#include "secrets/key_classifier.h"

#include <re2/re2.h>

namespace keyshift::config {

std::vector<ModuleFacts::EnvValue>
envValues(std::string_view content, const std::vector<Entry> &entries) {
  // A word a model name could be; anything else (URLs with spaces, JSON,
  // commands) is no model name and is not kept.
  static const RE2 word(R"([A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199})");
  static const RE2 with_default(R"(\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\})");
  std::vector<ModuleFacts::EnvValue> out;
  for (const Entry &e : entries) {
    if (e.kind != Entry::Kind::Assignment || e.key.empty() ||
        e.value_range.end() > content.size() ||
        content.substr(e.value_range.offset, e.value_range.length) != e.value)
      continue;
    std::string value = e.value;
    ByteRange range = e.value_range;
    re2::StringPiece fallback;
    if (RE2::FullMatch(e.value, with_default, &fallback)) {
      range.offset +=
          static_cast<std::size_t>(fallback.data() - e.value.data());
      range.length = fallback.size();
      value = std::string(fallback);
    }
    if (!RE2::FullMatch(value, word) || secrets::classifyKey(value))
      continue;
    out.push_back({e.key, std::move(value), range, ""});
  }
  return out;
}

} // namespace keyshift::config
