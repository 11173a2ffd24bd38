#include "base/source_file.h"

#include <cstdint>
#include <cstring>
#include <utility>

namespace keyshift {

SourceFile::SourceFile(std::string path, std::string bytes, Language language)
    : path_(std::move(path)), content_(std::move(bytes)), language_(language) {
  if (std::string_view(content_).substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    has_bom_ = true;
    content_.erase(0, kUtf8Bom.size());
  }
  eol_ = detectEol(content_);
  valid_utf8_ = keyshift::isValidUtf8(content_);
}

std::string SourceFile::withBom(std::string_view content) const {
  std::string out;
  out.reserve(content.size() + (has_bom_ ? kUtf8Bom.size() : 0));
  if (has_bom_)
    out += kUtf8Bom;
  out += content;
  return out;
}

EolStyle detectEol(std::string_view text) {
  bool lf = false;
  bool crlf = false;
  // memchr from newline to newline: every file is read once at load time.
  for (std::size_t i = text.find('\n'); i != std::string_view::npos;
       i = text.find('\n', i + 1)) {
    if (i > 0 && text[i - 1] == '\r')
      crlf = true;
    else
      lf = true;
  }
  if (lf && crlf)
    return EolStyle::Mixed;
  if (crlf)
    return EolStyle::CrLf;
  return lf ? EolStyle::Lf : EolStyle::None;
}

std::size_t utf8SequenceLength(std::string_view text) {
  if (text.empty())
    return 0;
  const auto *s = reinterpret_cast<const unsigned char *>(text.data());
  unsigned char c = s[0];
  if (c < 0x80)
    return 1;
  std::size_t len = 0;
  unsigned int cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (len > text.size())
    return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((s[k] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[k] & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // ASCII, the bulk of source, eight bytes at a time.
    if (i + 8 <= text.size()) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    std::size_t len = utf8SequenceLength(text.substr(i));
    if (len == 0)
      return false;
    i += len;
  }
  return true;
}

} // namespace keyshift
