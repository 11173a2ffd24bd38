#include "match/treesitter/layout.h"

#include <algorithm>

namespace keyshift::ts {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool isNewline(char c) { return c == '\n' || c == '\r'; }

std::size_t skipBlanks(std::string_view text, std::size_t at,
                       std::size_t limit) {
  while (at < limit && isBlank(text[at]))
    ++at;
  return at;
}

/// Past a comment starting at `at` (and the blanks after it), if any.
std::size_t skipComment(std::string_view text, const ListShape &list,
                        std::size_t at) {
  for (const ByteRange &c : list.comments)
    if (c.offset == at)
      return skipBlanks(text, c.end(), list.close);
  return at;
}

/// The start of the line after the one `at` ends, when `at` is at the end
/// of a line inside the list; npos otherwise.
std::size_t nextLineInside(std::string_view text, const ListShape &list,
                           std::size_t at) {
  if (at >= list.close || !isNewline(text[at]))
    return std::string_view::npos;
  std::size_t newline = text.find('\n', at);
  if (newline == std::string_view::npos || newline >= list.close)
    return std::string_view::npos;
  return newline + 1;
}

std::vector<Edit> intoEmpty(std::string_view text, const ListShape &list,
                            const std::vector<std::string> &items,
                            const std::string &rule_id) {
  std::string_view inner = text.substr(list.open, list.close - list.open);
  if (inner.find('\n') == std::string_view::npos) {
    if (inner.find_first_not_of(" \t") == std::string_view::npos) {
      // `()` keeps its blanks; `{}` or `{ }` is written `{ a, b }`.
      if (list.pad.empty())
        return {Edit{ByteRange{list.open, 0}, joinItems(items), rule_id}};
      std::string pad(list.pad);
      return {Edit{ByteRange{list.open, inner.size()},
                   pad + joinItems(items) + pad, rule_id}};
    }
    // A comment inside: the entries go before it.
    return {Edit{ByteRange{list.open, 0},
                 std::string(list.pad) + joinItems(items) + ",", rule_id}};
  }
  std::string nl(newlineAt(text, list.open));
  std::string indent = std::string(indentationAt(text, list.close)) +
                       std::string(list.indent_unit);
  std::string joined;
  for (const auto &item : items)
    joined += nl + indent + item + ",";
  return {Edit{ByteRange{list.open, 0}, joined, rule_id}};
}

} // namespace

std::string_view newlineAt(std::string_view text, std::size_t offset) {
  std::size_t nl = text.find('\n', offset);
  if (nl == std::string_view::npos)
    return text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  return nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

std::string_view indentationAt(std::string_view text, std::size_t offset) {
  std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = (start == std::string_view::npos || offset == 0) ? 0 : start + 1;
  std::size_t end = start;
  while (end < text.size() && isBlank(text[end]))
    ++end;
  return text.substr(start, end - start);
}

bool startsLine(std::string_view text, std::size_t offset) {
  std::size_t i = offset;
  while (i > 0 && isBlank(text[i - 1]))
    --i;
  return i == 0 || text[i - 1] == '\n';
}

std::size_t endOfLine(std::string_view text, std::size_t offset) {
  std::size_t nl = text.find('\n', offset);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

std::string joinItems(const std::vector<std::string> &items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i ? ", " : "") + items[i];
  return out;
}

std::vector<Edit> insertEntries(std::string_view text, const ListShape &list,
                                const std::vector<std::string> &items,
                                const std::string &rule_id) {
  if (list.entries.empty())
    return intoEmpty(text, list, items, rule_id);
  std::size_t last_start = list.entries.back().offset;
  std::size_t last_end = list.entries.back().end();
  bool multiline = text.substr(list.open, last_start - list.open).find('\n') !=
                   std::string_view::npos;
  std::size_t after = skipBlanks(text, last_end, list.close);
  bool trailing_comma = after < list.close && text[after] == ',';
  std::string joined;
  if (!multiline) {
    if (trailing_comma) {
      // `f(a=1,)`: after the comma, keeping one last.
      for (const auto &item : items)
        joined += " " + item + ",";
      return {Edit{ByteRange{after + 1, 0}, joined, rule_id}};
    }
    for (const auto &item : items)
      joined += ", " + item;
    return {Edit{ByteRange{last_end, 0}, joined, rule_id}};
  }
  std::string nl(newlineAt(text, last_start));
  std::string indent(indentationAt(text, last_start));
  if (trailing_comma) {
    // `a=1,  # why\n)`: whole new lines before the one holding the close,
    // so the diff shows only added lines and the comment stays put.
    std::size_t line_end =
        skipComment(text, list, skipBlanks(text, after + 1, list.close));
    std::size_t next_line = nextLineInside(text, list, line_end);
    if (next_line != std::string_view::npos) {
      for (const auto &item : items)
        joined += indent + item + "," + nl;
      return {Edit{ByteRange{next_line, 0}, joined, rule_id}};
    }
    for (const auto &item : items)
      joined += nl + indent + item + ",";
    return {Edit{ByteRange{after + 1, 0}, joined, rule_id}};
  }
  // `a=1  # why\n)`: the comma goes before the comment, the new entries on
  // lines of their own after it (without a trailing comma, as written).
  std::size_t past_comment = skipComment(text, list, after);
  if (past_comment != after) {
    std::size_t next_line = nextLineInside(text, list, past_comment);
    if (next_line != std::string_view::npos) {
      for (std::size_t i = 0; i < items.size(); ++i)
        joined += indent + items[i] + (i + 1 < items.size() ? "," : "") + nl;
      return {Edit{ByteRange{last_end, 0}, ",", rule_id},
              Edit{ByteRange{next_line, 0}, joined, rule_id}};
    }
  }
  for (const auto &item : items)
    joined += "," + nl + indent + item;
  return {Edit{ByteRange{last_end, 0}, joined, rule_id}};
}

} // namespace keyshift::ts
