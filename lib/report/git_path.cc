#include "report/git_path.h"

namespace keyshift::report {
namespace {

bool needsQuoting(unsigned char c) {
  // Non-ASCII too: git's default core.quotePath=true quotes those bytes.
  return c == '"' || c == '\\' || c < 0x20 || c >= 0x7F;
}

} // namespace

bool gitPathNeedsQuoting(std::string_view path) {
  for (char ch : path)
    if (needsQuoting(static_cast<unsigned char>(ch)))
      return true;
  return false;
}

std::string quoteGitPath(std::string_view path) {
  if (!gitPathNeedsQuoting(path))
    return std::string(path);
  std::string out = "\"";
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (!needsQuoting(c)) {
      out += ch;
      continue;
    }
    out += '\\';
    switch (c) {
    case '"':
      out += '"';
      break;
    case '\\':
      out += '\\';
      break;
    case '\a':
      out += 'a';
      break;
    case '\b':
      out += 'b';
      break;
    case '\t':
      out += 't';
      break;
    case '\n':
      out += 'n';
      break;
    case '\v':
      out += 'v';
      break;
    case '\f':
      out += 'f';
      break;
    case '\r':
      out += 'r';
      break;
    default:
      out += static_cast<char>('0' + ((c >> 6) & 7));
      out += static_cast<char>('0' + ((c >> 3) & 7));
      out += static_cast<char>('0' + (c & 7));
    }
  }
  out += '"';
  return out;
}

} // namespace keyshift::report
