#include "match/notebook/notebook_cells.h"

#include "match/config/json_format.h"
#include "match/treesitter/tree.h"

#include <optional>

extern "C" const TSLanguage *tree_sitter_json(void);

namespace keyshift::notebook {
namespace {

using ts::nodeRange;
using ts::nodeText;
using ts::nodeType;

/// The raw bytes between a JSON string's quotes.
ByteRange contentOf(TSNode string) {
  ByteRange r = nodeRange(string);
  return r.length >= 2 ? ByteRange{r.offset + 1, r.length - 2}
                       : ByteRange{r.offset, 0};
}

/// The value of `key` in a JSON object node, or a null node.
TSNode member(TSNode object, std::string_view key, std::string_view text) {
  for (TSNode pair : ts::namedChildren(object)) {
    if (nodeType(pair) != "pair")
      continue;
    TSNode k = ts::childByField(pair, "key");
    ByteRange c = contentOf(k);
    if (nodeType(k) == "string" && text.substr(c.offset, c.length) == key)
      return ts::childByField(pair, "value");
  }
  return TSNode{};
}

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string &out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Appends the decoded bytes of the raw JSON string content `r`.
void decode(std::string_view text, ByteRange r, CodeCell &cell) {
  auto u4 = [&](std::size_t at) -> long {
    if (at + 4 > r.end())
      return -1;
    long v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      int h = hexValue(text[at + k]);
      if (h < 0)
        return -1;
      v = v * 16 + h;
    }
    return v;
  };
  for (std::size_t i = r.offset; i < r.end();) {
    std::size_t start = i;
    char c = text[i];
    if (c != '\\' || i + 1 >= r.end()) {
      cell.python += c;
      ++i;
    } else {
      char e = text[i + 1];
      i += 2;
      switch (e) {
      case 'n':
        cell.python += '\n';
        break;
      case 't':
        cell.python += '\t';
        break;
      case 'r':
        cell.python += '\r';
        break;
      case 'b':
        cell.python += '\b';
        break;
      case 'f':
        cell.python += '\f';
        break;
      case 'u': {
        long cp = u4(i);
        if (cp < 0) {
          cell.python += "\\u";
          break;
        }
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < r.end() && text[i] == '\\' &&
            text[i + 1] == 'u') {
          long lo = u4(i + 2);
          if (lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
        }
        appendUtf8(cell.python, static_cast<unsigned>(cp));
        break;
      }
      default:
        cell.python += e;
        break; // \" \\ \/
      }
    }
    cell.raw_at.resize(cell.python.size(), start);
  }
}

/// Where `NAME=value` starts in a `%env NAME=value` line from `at` (the
/// '%'), or npos.
std::size_t envAssignment(std::string_view line) {
  for (std::string_view magic : {"%env ", "%set_env "})
    if (line.starts_with(magic)) {
      std::size_t at = magic.size();
      while (at < line.size() && line[at] == ' ')
        ++at;
      return line.find('=', at) == std::string_view::npos ? std::string::npos
                                                          : at;
    }
  return std::string::npos;
}

/// Blanks IPython-only lines (`%magic`, `!cmd`) to comments of the same
/// length, noting `%env` assignments; false when a cell magic makes the
/// whole cell another language.
bool blankMagics(std::string &python, std::vector<ByteRange> &env_lines) {
  for (std::size_t begin = 0; begin < python.size();) {
    std::size_t end = python.find('\n', begin);
    if (end == std::string::npos)
      end = python.size();
    std::size_t i = begin;
    while (i < end && (python[i] == ' ' || python[i] == '\t'))
      ++i;
    if (i < end && (python[i] == '%' || python[i] == '!')) {
      if (begin == 0 && python.compare(i, 2, "%%") == 0) {
        std::string_view magic(python.data() + i + 2, end - i - 2);
        magic = magic.substr(0, magic.find(' '));
        if (magic != "time" && magic != "timeit" && magic != "capture")
          return false;
      }
      std::string_view line(python.data() + i, end - i);
      if (std::size_t at = envAssignment(line); at != std::string::npos)
        env_lines.push_back(ByteRange::fromBounds(i + at, end));
      python[i] = '#';
    }
    begin = end + 1;
  }
  return true;
}

/// The indentation of the line holding byte `at`.
std::string indentAt(std::string_view text, std::size_t at) {
  std::size_t line = text.rfind('\n', at);
  line = line == std::string_view::npos ? 0 : line + 1;
  std::size_t end = line;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t'))
    ++end;
  return std::string(text.substr(line, end - line));
}

std::optional<CodeCell> readCell(TSNode cell, std::string_view text) {
  TSNode type = member(cell, "cell_type", text);
  ByteRange tc = contentOf(type);
  if (nodeType(type) != "string" || text.substr(tc.offset, tc.length) != "code")
    return std::nullopt;
  TSNode source = member(cell, "source", text);
  std::vector<TSNode> strings;
  if (nodeType(source) == "string")
    strings.push_back(source);
  else if (nodeType(source) == "array")
    for (TSNode s : ts::namedChildren(source)) {
      if (nodeType(s) != "string")
        return std::nullopt; // not nbformat: leave it alone
      strings.push_back(s);
    }
  if (strings.empty())
    return std::nullopt;
  CodeCell out;
  for (TSNode s : strings)
    decode(text, contentOf(s), out);
  out.raw_at.push_back(contentOf(strings.back()).end());
  if (!blankMagics(out.python, out.env_lines))
    return std::nullopt;
  if (nodeType(source) == "array") {
    if (strings.size() > 1)
      out.line_break = std::string(text.substr(
          contentOf(strings[0]).end(),
          contentOf(strings[1]).offset - contentOf(strings[0]).end()));
    else // one line so far: the next goes on a line of its own, as nbformat
      out.line_break =
          "\",\n" + indentAt(text, ts_node_start_byte(strings[0])) + "\"";
  }
  return out;
}

} // namespace

ByteRange CodeCell::toRaw(ByteRange range) const {
  std::size_t last = raw_at.size() - 1;
  std::size_t a = std::min(range.offset, last), b = std::min(range.end(), last);
  return ByteRange::fromBounds(raw_at[a], raw_at[b]);
}

std::string CodeCell::escape(std::string_view text) const {
  return config::jsonEscape(text, line_break);
}

std::vector<CodeCell> codeCells(std::string_view notebook) {
  auto tree = ts::Tree::parse(tree_sitter_json(), notebook);
  if (!tree.ok() || tree.value().errorCount() != 0)
    return {};
  TSNode root = ts::firstNamedChild(tree.value().root());
  if (nodeType(root) != "object")
    return {};
  TSNode cells = member(root, "cells", notebook);
  if (nodeType(cells) != "array")
    return {};
  std::vector<CodeCell> out;
  for (TSNode cell : ts::namedChildren(cells))
    if (nodeType(cell) == "object")
      if (auto c = readCell(cell, notebook))
        out.push_back(std::move(*c));
  return out;
}

std::size_t jsonErrors(std::string_view text) {
  auto tree = ts::Tree::parse(tree_sitter_json(), text);
  return tree.ok() ? tree.value().errorCount() : 1;
}

} // namespace keyshift::notebook
