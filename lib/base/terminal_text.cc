#include "base/terminal_text.h"

#include "base/source_file.h"

#include <cstdio>

namespace keyshift {

std::string escapeForTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buf[8];
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = utf8SequenceLength(text.substr(i));
    if (len == 1 && c >= 0x20 && c != 0x7F) {
      out += text[i];
    } else if (len == 0 || len == 1) {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(c));
      out += buf;
      len = 1;
    } else if (len == 2 && c == 0xC2 &&
               static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      std::snprintf(
          buf, sizeof buf, "\\u%04X",
          static_cast<unsigned>(static_cast<unsigned char>(text[i + 1])));
      out += buf;
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string oneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t j = i;
    bool fold = false;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' ||
                               text[j] == '\n' || text[j] == '\r')) {
      fold = fold || text[j] != ' ';
      ++j;
    }
    if (j == i) {
      out += text[i++];
      continue;
    }
    if (fold)
      out += ' ';
    else
      out.append(text.substr(i, j - i));
    i = j;
  }
  return out;
}

} // namespace keyshift
