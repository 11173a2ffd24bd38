#include "match/docs/mentions.h"

#include "match/finding_text.h"
#include "match/url_prefix.h"

#include <algorithm>
#include <array>

namespace keyshift::docs {
namespace {

bool isWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

bool isSchemeByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool inside(const std::vector<ByteRange> &covered, ByteRange r) {
  return std::any_of(covered.begin(), covered.end(),
                     [&](const ByteRange &c) { return c.overlaps(r); });
}

Finding mention(std::string_view code, ByteRange range, FindingKind kind,
                std::string rule_id, std::string message) {
  Finding f;
  f.rule_id = std::move(rule_id);
  f.kind = kind;
  f.severity = Severity::Warning;
  f.message = std::move(message);
  f.range = range;
  f.before = snippet(code.substr(range.offset, range.length));
  return f;
}

} // namespace

std::vector<Finding> mentions(std::string_view code,
                              const std::vector<ByteRange> &covered,
                              std::string_view language) {
  std::vector<Finding> out;
  const std::string where = " in a " + std::string(language) +
                            " block of the documentation: reported, not "
                            "rewritten (keyshift does not edit " +
                            std::string(language) + " in documentation)";
  // URLs: back from each host to its scheme, then the one definition of an
  // OpenAI URL prefix every engine uses.
  for (std::size_t at = code.find(url::kOpenAiHost);
       at != std::string_view::npos; at = code.find(url::kOpenAiHost, at + 1)) {
    if (at < 3 || code.substr(at - 3, 3) != "://")
      continue;
    std::size_t start = at - 3;
    while (start > 0 && isSchemeByte(code[start - 1]))
      --start;
    auto match = url::matchPrefix(code.substr(start), url::openAiUrlPrefixes(),
                                  "https://proxy.invalid/v1");
    if (!match)
      continue;
    // The whole URL, to the first byte a shell or C++ string would end it.
    std::size_t end = start + match->length;
    while (end < code.size() &&
           std::string_view(" \t\r\n\"'`)>\\").find(code[end]) ==
               std::string_view::npos)
      ++end;
    ByteRange range = ByteRange::fromBounds(start, end);
    if (!inside(covered, range))
      out.push_back(mention(code, range, FindingKind::EndpointLiteral,
                            "docs.openai-url", "OpenAI API URL" + where));
  }
  constexpr std::array<std::pair<std::string_view, FindingKind>, 2> kNames{{
      {"OPENAI_API_KEY", FindingKind::EnvKeyRef},
      {"OPENAI_BASE_URL", FindingKind::EnvBaseUrlRef},
  }};
  for (const auto &[name, kind] : kNames)
    for (std::size_t at = code.find(name); at != std::string_view::npos;
         at = code.find(name, at + 1)) {
      std::size_t end = at + name.size();
      if ((at > 0 && isWordByte(code[at - 1])) ||
          (end < code.size() && isWordByte(code[end])))
        continue;
      ByteRange range{at, name.size()};
      if (!inside(covered, range))
        out.push_back(mention(code, range, kind, "docs.openai-env",
                              std::string(name) + where));
    }
  std::sort(out.begin(), out.end(), [](const Finding &a, const Finding &b) {
    return a.range.offset < b.range.offset;
  });
  return out;
}

} // namespace keyshift::docs
