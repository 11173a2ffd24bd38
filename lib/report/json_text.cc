#include "report/json_text.h"

#include "base/source_file.h"

#include <cstdio>

namespace keyshift::report {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void appendHexByte(std::string &out, const char *format, unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, format, static_cast<unsigned>(c));
  out += buf;
}

} // namespace

std::string base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  const auto *s = reinterpret_cast<const unsigned char *>(bytes.data());
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (s[i] << 16) | (s[i + 1] << 8) | s[i + 2];
    out += kBase64Alphabet[(v >> 18) & 63];
    out += kBase64Alphabet[(v >> 12) & 63];
    out += kBase64Alphabet[(v >> 6) & 63];
    out += kBase64Alphabet[v & 63];
  }
  std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    unsigned v = s[i] << 16;
    out += kBase64Alphabet[(v >> 18) & 63];
    out += kBase64Alphabet[(v >> 12) & 63];
    out += "==";
  } else if (rest == 2) {
    unsigned v = (s[i] << 16) | (s[i + 1] << 8);
    out += kBase64Alphabet[(v >> 18) & 63];
    out += kBase64Alphabet[(v >> 12) & 63];
    out += kBase64Alphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

void appendJsonString(std::string &out, std::string_view text) {
  out += '"';
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20 || c == 0x7F)
        appendHexByte(out, "\\u%04x", c);
      else
        out += ch;
    }
  }
  out += '"';
}

void appendJsonText(std::string &out, std::string_view text) {
  if (isValidUtf8(text)) {
    appendJsonString(out, text);
    return;
  }
  out += "{\"bytes\":\"";
  out += base64Encode(text);
  out += "\"}";
}

std::string escapeInvalidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto *s = reinterpret_cast<const unsigned char *>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = utf8SequenceLength(text.substr(i));
    if (len == 0) {
      appendHexByte(out, "\\x%02X", s[i]);
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

void appendJsonKey(std::string &out, std::string_view key) {
  out += ',';
  appendJsonString(out, key);
  out += ':';
}

void appendJsonTextField(std::string &out, std::string_view key,
                         std::string_view value) {
  appendJsonKey(out, key);
  appendJsonText(out, value);
}

void appendJsonNumberField(std::string &out, std::string_view key,
                           std::size_t value) {
  appendJsonKey(out, key);
  out += std::to_string(value);
}

} // namespace keyshift::report
