#include "secrets/inline_ignore.h"

#include <optional>
#include <string>
#include <vector>

namespace keyshift::secrets {
namespace {

struct CommentSyntax {
  bool hash = false;                ///< '#' to end of line
  bool hash_after_blank = false;    ///< '#' only at line start or after a blank
  bool slashes = false;             ///< '//' and '/* */'
  bool html = false;                ///< '<!-- -->'
  std::string_view quotes;          ///< characters that open string literals
  bool triple_quotes = false;       ///< """ and ''' (Python, TOML)
  bool single_quote_escapes = true; ///< false: '...' is literal (YAML, TOML)
  bool quotes_need_context = false; ///< YAML/.env: a quote opens a string
                                    ///< only where a value starts
  bool digit_separators = false;    ///< C++14 1'000'000
};

CommentSyntax syntaxFor(Language lang) {
  CommentSyntax s;
  switch (lang) {
  case Language::Python:
  case Language::Notebook:
    s.hash = true;
    s.quotes = "\"'";
    s.triple_quotes = true;
    break;
  case Language::Toml:
    s.hash = true;
    s.quotes = "\"'";
    s.triple_quotes = true;
    s.single_quote_escapes = false;
    break;
  case Language::Env:
  case Language::Yaml:
    s.hash = true;
    s.hash_after_blank = true;
    s.quotes = "\"'";
    s.single_quote_escapes = false;
    s.quotes_need_context = true;
    break;
  case Language::JavaScript:
  case Language::TypeScript:
  case Language::Tsx:
    s.slashes = true;
    s.quotes = "\"'`";
    break;
  case Language::Cpp:
    s.slashes = true;
    s.quotes = "\"'";
    s.digit_separators = true;
    break;
  case Language::Markdown:
    s.html = true;
    break;
  case Language::Json:
  case Language::Rst: // its code blocks' own comments count (docs engine)
  case Language::Unknown:
    break;
  }
  return s;
}

bool hasComments(const CommentSyntax &s) {
  return s.hash || s.slashes || s.html;
}

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; }

bool isHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
         (c >= 'A' && c <= 'F');
}

bool isIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-';
}

struct Comment {
  std::string_view text;
  bool whole_line = false; ///< only blanks before it
};

bool onlyBlanksBefore(std::string_view line, std::size_t pos) {
  for (std::size_t i = 0; i < pos; ++i)
    if (!isBlank(line[i]))
      return false;
  return true;
}

bool quoteOpensString(std::string_view line, std::size_t pos,
                      const CommentSyntax &s) {
  if (s.digit_separators && line[pos] == '\'' && pos > 0 &&
      pos + 1 < line.size() && isHexDigit(line[pos - 1]) &&
      isHexDigit(line[pos + 1]))
    return false;
  if (!s.quotes_need_context)
    return true;
  // YAML/.env: "it's" in a plain value is an apostrophe, not a string.
  std::size_t i = pos;
  while (i > 0 && isBlank(line[i - 1]))
    --i;
  if (i == 0)
    return true;
  const char before = line[i - 1];
  return before == ':' || before == '=' || before == '[' || before == '{' ||
         before == ',' || before == '-';
}

std::vector<Comment> commentsOn(std::string_view line, const CommentSyntax &s) {
  std::vector<Comment> comments;
  char quote = 0;
  bool triple = false;
  std::size_t i = 0;
  auto at = [&line](std::size_t pos, std::string_view what) {
    return line.substr(pos, what.size()) == what;
  };
  while (i < line.size()) {
    const char c = line[i];
    if (quote != 0) {
      if (c == '\\' && (quote != '\'' || s.single_quote_escapes)) {
        i += 2;
      } else if (triple && at(i, std::string(3, quote))) {
        quote = 0;
        i += 3;
      } else {
        if (!triple && c == quote)
          quote = 0;
        ++i;
      }
      continue;
    }
    if (s.hash && c == '#' &&
        (!s.hash_after_blank || i == 0 || isBlank(line[i - 1]))) {
      comments.push_back({line.substr(i + 1), onlyBlanksBefore(line, i)});
      break;
    }
    if (s.slashes && at(i, "//")) {
      comments.push_back({line.substr(i + 2), onlyBlanksBefore(line, i)});
      break;
    }
    std::string_view open = s.slashes ? "/*" : (s.html ? "<!--" : "");
    std::string_view close = s.slashes ? "*/" : "-->";
    if (!open.empty() && at(i, open)) {
      const std::size_t start = i + open.size();
      const std::size_t end = line.find(close, start);
      const std::size_t stop =
          end == std::string_view::npos ? line.size() : end;
      comments.push_back(
          {line.substr(start, stop - start), onlyBlanksBefore(line, i)});
      if (end == std::string_view::npos)
        break;
      i = end + close.size();
      continue;
    }
    if (s.quotes.find(c) != std::string_view::npos &&
        quoteOpensString(line, i, s)) {
      quote = c;
      triple = s.triple_quotes && at(i, std::string(3, c));
      i += triple ? 3 : 1;
      continue;
    }
    ++i;
  }
  return comments;
}

// A notebook line is a JSON string holding one line of a code cell:
//     "key = \"sk-…\"  # keyshift: ignore\n",
// Undo the JSON escaping that matters for finding comments and quotes.
std::string notebookSourceLine(std::string_view line) {
  const std::size_t open = line.find('"');
  if (open == std::string_view::npos)
    return {};
  std::string out;
  for (std::size_t i = open + 1; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"')
      break;
    if (c != '\\' || i + 1 == line.size()) {
      out.push_back(c);
      continue;
    }
    const char next = line[++i];
    if (next == 'n' || next == 'r')
      break; // the cell line ends here
    out.push_back(next == 't' ? ' ' : next);
  }
  return out;
}

bool directiveMatches(std::string_view comment, std::string_view rule_id) {
  constexpr std::string_view kTag = "keyshift:";
  constexpr std::string_view kIgnore = "ignore";
  std::size_t pos = 0;
  while ((pos = comment.find(kTag, pos)) != std::string_view::npos) {
    const bool bounded = pos == 0 || !isIdentChar(comment[pos - 1]);
    std::size_t j = pos + kTag.size();
    pos = j;
    if (!bounded)
      continue;
    while (j < comment.size() && isBlank(comment[j]))
      ++j;
    if (comment.substr(j, kIgnore.size()) != kIgnore)
      continue;
    j += kIgnore.size();
    std::size_t k = j;
    while (k < comment.size() && isBlank(comment[k]))
      ++k;
    if (k < comment.size() && comment[k] == '[') {
      const std::size_t close = comment.find(']', k);
      if (close == std::string_view::npos)
        continue; // malformed: suppress nothing rather than everything
      std::string_view list = comment.substr(k + 1, close - k - 1);
      while (!list.empty()) {
        const std::size_t comma = list.find(',');
        std::string_view id = list.substr(0, comma);
        while (!id.empty() && isBlank(id.front()))
          id.remove_prefix(1);
        while (!id.empty() && isBlank(id.back()))
          id.remove_suffix(1);
        if (!id.empty() && id == rule_id)
          return true;
        if (comma == std::string_view::npos)
          break;
        list.remove_prefix(comma + 1);
      }
      continue;
    }
    if (j == comment.size() || !isIdentChar(comment[j]))
      return true; // bare "keyshift: ignore" (not "ignored", "ignore-x")
  }
  return false;
}

// A line of a file with no comment syntax keyshift knows (Dockerfile,
// shell, INI, .properties, logs; JSON, whose JSONC dialects have // too):
// the directive counts anywhere on the line, and a line above counts when it
// starts with a common comment leader.
bool startsWithCommentLeader(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && isBlank(line[i]))
    ++i;
  line.remove_prefix(i);
  for (std::string_view leader :
       {"#", "//", ";", "--", "/*", "<!--", "%", "'", "REM ", "rem "})
    if (line.substr(0, leader.size()) == leader)
      return true;
  return false;
}

bool lineIgnores(std::string_view line, std::string_view rule_id, Language lang,
                 bool whole_line_only) {
  if (line.find("keyshift") == std::string_view::npos)
    return false;
  const CommentSyntax syntax = syntaxFor(lang);
  if (!hasComments(syntax))
    return (!whole_line_only || startsWithCommentLeader(line)) &&
           directiveMatches(line, rule_id);
  std::string decoded;
  if (lang == Language::Notebook) {
    decoded = notebookSourceLine(line);
    line = decoded;
  }
  for (const Comment &comment : commentsOn(line, syntax)) {
    if (whole_line_only && !comment.whole_line)
      continue;
    if (directiveMatches(comment.text, rule_id))
      return true;
  }
  return false;
}

// Other scanners' markers, matched as those tools match them: anywhere on
// the line (gitleaks, trufflehog, detect-secrets, secretlint), or on the
// line above for the "next line" forms.
constexpr std::string_view kForeignSameLine[] = {
    "gitleaks:allow", "pragma: allowlist secret", "trufflehog:ignore",
    "secretlint-disable-line"};
constexpr std::string_view kForeignLineAbove[] = {
    "pragma: allowlist nextline secret", "secretlint-disable-next-line"};

template <std::size_t N>
bool containsAny(std::string_view line, const std::string_view (&markers)[N]) {
  for (std::string_view m : markers)
    if (line.find(m) != std::string_view::npos)
      return true;
  return false;
}

struct Lines {
  std::string_view current;
  std::optional<std::string_view> above;
};

Lines linesAround(std::string_view content, std::size_t offset) {
  if (offset > content.size())
    offset = content.size();
  const std::size_t nl =
      offset == 0 ? std::string_view::npos : content.rfind('\n', offset - 1);
  const std::size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
  std::size_t line_end = content.find('\n', offset);
  if (line_end == std::string_view::npos)
    line_end = content.size();
  Lines out{content.substr(line_start, line_end - line_start), std::nullopt};
  if (line_start == 0)
    return out;
  const std::size_t prev_end = line_start - 1; // the '\n'
  const std::size_t prev_nl = prev_end == 0 ? std::string_view::npos
                                            : content.rfind('\n', prev_end - 1);
  const std::size_t prev_start =
      prev_nl == std::string_view::npos ? 0 : prev_nl + 1;
  out.above = content.substr(prev_start, prev_end - prev_start);
  return out;
}

} // namespace

bool isIgnoredInline(std::string_view content, std::size_t offset,
                     std::string_view rule_id, Language lang) {
  const Lines lines = linesAround(content, offset);
  if (lineIgnores(lines.current, rule_id, lang, false))
    return true;
  return lines.above && lineIgnores(*lines.above, rule_id, lang, true);
}

bool hasForeignIgnore(std::string_view content, std::size_t offset) {
  const Lines lines = linesAround(content, offset);
  if (containsAny(lines.current, kForeignSameLine))
    return true;
  return lines.above && containsAny(*lines.above, kForeignLineAbove);
}

} // namespace keyshift::secrets
