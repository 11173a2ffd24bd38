// libFuzzer entry point: findSecrets and redactSecrets on arbitrary bytes,
// checking the invariants callers rely on (ranges in bounds, sorted and
// disjoint; every match classifies, in the deep scan too; redaction leaves
// no key behind), plus
// isIgnoredInline's line scanner (crash-only) in a language picked by the
// first byte.
#include "secrets/find_secrets.h"
#include "secrets/inline_ignore.h"
#include "secrets/key_classifier.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  std::size_t previous_end = 0;
  for (const auto &m : keyshift::secrets::findSecrets(text)) {
    if (m.range.end() > text.size() || m.range.offset < previous_end)
      std::abort();
    if (!keyshift::secrets::classifyToken(
            text.substr(m.range.offset, m.range.length)))
      std::abort();
    previous_end = m.range.end();
  }
  keyshift::secrets::ScanOptions deep;
  deep.deep = true;
  for (const auto &m : keyshift::secrets::findSecrets(text, deep)) {
    if (m.range.end() > text.size())
      std::abort();
    const std::string_view key =
        m.encoding == keyshift::secrets::KeyEncoding::Plain
            ? text.substr(m.range.offset, m.range.length)
            : std::string_view(m.decoded);
    if (!keyshift::secrets::classifyToken(key))
      std::abort();
  }
  if (!keyshift::secrets::findSecrets(keyshift::secrets::redactSecrets(text))
           .empty())
    std::abort();
  if (size > 0) {
    const auto lang = static_cast<keyshift::Language>(
        data[0] % (static_cast<int>(keyshift::Language::Markdown) + 1));
    (void)keyshift::secrets::isIgnoredInline(text, size / 2, "rule", lang);
    (void)keyshift::secrets::hasForeignIgnore(text, size / 2);
  }
  return 0;
}
