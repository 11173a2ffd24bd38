#include "match/finding_text.h"

#include "rewrite/apply.h"
#include "secrets/mask.h"

namespace keyshift {
namespace {

constexpr std::size_t kMaxSnippet = 200;

} // namespace

std::string snippet(std::string_view source) {
  std::string masked = secrets::maskKeys(source);
  std::string_view text = masked;
  if (text.size() <= kMaxSnippet)
    return masked;
  std::size_t cut = kMaxSnippet;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::optional<std::string> textAfter(std::string_view text, ByteRange range,
                                     const std::vector<Edit> &edits) {
  std::vector<Edit> inside;
  for (const Edit &e : edits)
    if (e.range.offset >= range.offset && e.range.end() <= range.end())
      inside.push_back(
          Edit{ByteRange{e.range.offset - range.offset, e.range.length},
               e.replacement, e.rule_id});
  auto after = applyEdits(text.substr(range.offset, range.length), inside);
  if (!after.ok())
    return std::nullopt;
  return snippet(*after);
}

} // namespace keyshift
