// One file's content as keyshift sees it: the bytes after any UTF-8 BOM, the
// BOM remembered apart, and the file's line-ending style. Every ByteRange in
// keyshift is an offset into content(), so parsers never see the BOM and
// printers put it back (withBom) when they show or write whole files.
#ifndef KEYSHIFT_BASE_SOURCE_FILE_H_
#define KEYSHIFT_BASE_SOURCE_FILE_H_

#include "base/language.h"

#include <string>
#include <string_view>

namespace keyshift {

enum class EolStyle {
  None, ///< no line break at all
  Lf,
  CrLf,
  Mixed, ///< both seen; edits then use the style of the line they touch
};

class SourceFile {
public:
  static constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

  SourceFile() = default;
  /// `path` is repo-relative with '/' separators; `bytes` the file as read.
  SourceFile(std::string path, std::string bytes, Language language);

  const std::string &path() const { return path_; }
  Language language() const { return language_; }
  std::string_view content() const { return content_; }
  bool hasBom() const { return has_bom_; }
  EolStyle eol() const { return eol_; }
  /// "\r\n" for CRLF files, "\n" otherwise: what inserted lines should use.
  std::string_view newline() const {
    return eol_ == EolStyle::CrLf ? "\r\n" : "\n";
  }
  bool endsWithNewline() const {
    return !content_.empty() && content_.back() == '\n';
  }
  bool isValidUtf8() const { return valid_utf8_; }
  /// `content` with this file's BOM (if any) put back in front.
  std::string withBom(std::string_view content) const;

private:
  std::string path_;
  std::string content_;
  Language language_ = Language::Unknown;
  EolStyle eol_ = EolStyle::None;
  bool has_bom_ = false;
  bool valid_utf8_ = true;
};

/// The line-ending style of `text`.
EolStyle detectEol(std::string_view text);
/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool isValidUtf8(std::string_view text);
/// Length of the well-formed UTF-8 sequence at the start of `text` (1-4), or
/// 0 when the bytes there are not one.
std::size_t utf8SequenceLength(std::string_view text);

} // namespace keyshift

#endif // KEYSHIFT_BASE_SOURCE_FILE_H_
