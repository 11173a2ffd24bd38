#include "base/json_diag.h"

#include "base/edit_distance.h"
#include "base/line_index.h"

namespace keyshift::json_diag {
namespace {

/// The offset of the last character before `end` that is neither blank nor
/// inside a // or /* */ comment (config files allow comments), or npos.
/// Scans forward: only then are strings and comments told apart.
std::size_t lastSignificant(std::string_view text, std::size_t end) {
  std::size_t last = std::string_view::npos;
  for (std::size_t i = 0; i < end && i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < end && text[i] != '"'; ++i)
        if (text[i] == '\\')
          ++i;
      last = i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < end && text[i] != '\n')
        ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      auto close = text.find("*/", i + 2);
      i = close == std::string_view::npos ? end : close + 1;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      last = i;
    }
  }
  return last;
}

} // namespace

std::string pointerAppend(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out += '/';
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string suggest(std::string_view word,
                    const std::vector<std::string> &candidates) {
  std::string hint = didYouMean(word, candidates);
  if (!hint.empty() || word.size() < 3)
    return hint;
  const std::string *only = nullptr;
  for (const auto &c : candidates) {
    if (c.size() <= word.size() || c.compare(0, word.size(), word) != 0)
      continue;
    if (only != nullptr)
      return "";
    only = &c;
  }
  return only ? " (did you mean '" + *only + "'?)" : "";
}

Error jsonError(std::string_view source, std::string_view pointer,
                std::string_view problem) {
  std::string msg(source);
  msg += ": ";
  // The whole document has the empty pointer; say nothing rather than "".
  if (!pointer.empty()) {
    msg += pointer;
    msg += ": ";
  }
  msg += problem;
  return makeError(ErrorCode::Config, std::move(msg));
}

Error invalidJson(std::string_view source, std::string_view text,
                  std::size_t byte, std::string_view what) {
  // nlohmann counts the byte it stopped at from 1; its own column restarts
  // at 0 after a newline, so recompute both from the offset.
  std::size_t offset = byte > 0 ? byte - 1 : 0;
  // "[json.exception.parse_error.101] parse error at line 1, column 2: x"
  std::string_view detail = what;
  if (auto colon = detail.find(": "); colon != std::string_view::npos)
    detail = detail.substr(colon + 2);
  // An unexpected string is reported after its closing quote; point at the
  // opening one, where the reader's eye should go.
  if (offset < text.size() && text[offset] == '"' &&
      detail.find("unexpected string literal") != std::string_view::npos) {
    while (offset > 0) {
      --offset;
      if (text[offset] == '"' && (offset == 0 || text[offset - 1] != '\\'))
        break;
    }
  }
  // "unexpected '}'" after a comma is a trailing comma: say so and point at
  // the comma, the character to delete.
  std::string trailing;
  if (offset < text.size() && (text[offset] == '}' || text[offset] == ']')) {
    std::size_t comma = lastSignificant(text, offset);
    if (comma != std::string_view::npos && text[comma] == ',') {
      trailing = std::string("trailing comma before '") + text[offset] +
                 "' (JSON allows none): delete it";
      detail = trailing;
      offset = comma;
    }
  }
  Position pos = LineIndex(text).position(offset);
  std::string msg(source);
  msg += ':' + std::to_string(pos.line) + ':' + std::to_string(pos.column) +
         ": invalid JSON: ";
  msg += detail;
  return makeError(ErrorCode::Config, std::move(msg));
}

Error invalidJsonValue(std::string_view source, std::string_view what) {
  if (what.rfind("[json.exception.", 0) == 0)
    if (auto close = what.find("] "); close != std::string_view::npos)
      what = what.substr(close + 2);
  return makeError(ErrorCode::Config, std::string(source) + ": invalid JSON: " +
                                          std::string(what));
}

} // namespace keyshift::json_diag
