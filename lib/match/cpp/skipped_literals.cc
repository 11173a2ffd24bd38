#include "match/cpp/skipped_literals.h"

#include <cctype>

namespace keyshift::cpp {
namespace {

bool identChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

/// The identifier characters right before `at` (what may be a prefix).
std::string_view wordBefore(std::string_view text, std::size_t at) {
  std::size_t begin = at;
  while (begin > 0 && identChar(text[begin - 1]))
    --begin;
  return text.substr(begin, at - begin);
}

bool isEncodingPrefix(std::string_view p) {
  return p.empty() || p == "u8" || p == "u" || p == "U" || p == "L";
}

} // namespace

std::vector<SkippedLiteral> skippedStringLiterals(std::string_view text) {
  std::vector<SkippedLiteral> out;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      std::size_t eol = text.find('\n', i);
      i = eol == std::string_view::npos ? text.size() : eol + 1;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      std::size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
      continue;
    }
    if (c == '\'') {
      // A digit separator (1'000) or a character literal ('"', u8'x').
      std::string_view word = wordBefore(text, i);
      if (!word.empty() && !isEncodingPrefix(word)) {
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '\'' && text[j] != '\n')
        j += text[j] == '\\' ? 2 : 1;
      i = j < text.size() && text[j] == '\'' ? j + 1 : i + 1;
      continue;
    }
    if (c != '"') {
      ++i;
      continue;
    }
    std::string_view word = wordBefore(text, i);
    bool raw = !word.empty() && word.back() == 'R' &&
               isEncodingPrefix(word.substr(0, word.size() - 1));
    std::size_t begin = raw || isEncodingPrefix(word) ? i - word.size() : i;
    if (raw) {
      std::size_t paren = text.find('(', i + 1);
      std::size_t eol = text.find('\n', i + 1);
      if (paren == std::string_view::npos || paren > eol || paren - i > 17) {
        ++i;
        continue;
      }
      std::string close =
          ")" + std::string(text.substr(i + 1, paren - i - 1)) + "\"";
      std::size_t end = text.find(close, paren + 1);
      if (end == std::string_view::npos) {
        i = paren + 1;
        continue;
      }
      std::size_t stop = end + close.size();
      out.push_back(
          SkippedLiteral{begin, stop - begin,
                         std::string(text.substr(paren + 1, end - paren - 1))});
      i = stop;
      continue;
    }
    std::string value;
    std::size_t j = i + 1;
    bool closed = false;
    while (j < text.size() && text[j] != '\n') {
      if (text[j] == '"') {
        closed = true;
        break;
      }
      if (text[j] == '\\' && j + 1 < text.size() &&
          (text[j + 1] == '"' || text[j + 1] == '\\')) {
        value += text[j + 1];
        j += 2;
        continue;
      }
      value += text[j++];
    }
    if (!closed) {
      i = j;
      continue;
    }
    out.push_back(SkippedLiteral{begin, j + 1 - begin, std::move(value)});
    i = j + 1;
  }
  return out;
}

} // namespace keyshift::cpp
