#include "match/docs/code_blocks.h"

#include "base/ascii_case.h"
#include "match/treesitter/tree.h"

#include <algorithm>
#include <array>
#include <cctype>

extern "C" const TSLanguage *tree_sitter_markdown(void);

namespace keyshift::docs {
namespace {

using ts::nodeRange;
using ts::nodeText;
using ts::nodeType;

bool isBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (isBlank(s.front()) || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (isBlank(s.back()) || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

/// The bytes of `range` that are code, `skip` being the ranges inside it
/// that are not (sorted, as tree-sitter gives children).
CodeBlock collect(std::string_view text, ByteRange range,
                  const std::vector<ByteRange> &skip) {
  CodeBlock block;
  std::size_t s = 0;
  for (std::size_t i = range.offset; i < range.end(); ++i) {
    while (s < skip.size() && skip[s].end() <= i)
      ++s;
    if (s < skip.size() && skip[s].contains(i))
      continue;
    block.code.push_back(text[i]);
    block.raw_at.push_back(i);
  }
  block.raw_at.push_back(range.end());
  return block;
}

/// The prefix before the block's first code line: what a new line in a
/// replacement must repeat.
std::string firstLinePrefix(std::string_view text, const CodeBlock &block) {
  if (block.raw_at.empty())
    return {};
  std::size_t first = block.raw_at.front();
  std::size_t line = text.rfind('\n', first == 0 ? 0 : first - 1);
  line = (line == std::string_view::npos || first == 0) ? 0 : line + 1;
  if (line > first)
    return {};
  return std::string(text.substr(line, first - line));
}

/// Fences inside a list item or quote keep that container's prefix on each
/// line; CommonMark also removes as much indentation from each line as the
/// opening fence had, which the grammar leaves in the content.
std::vector<ByteRange> fenceIndents(std::string_view text, ByteRange content,
                                    std::size_t fence_indent,
                                    const std::vector<ByteRange> &prefixes) {
  std::vector<ByteRange> out;
  std::size_t line = content.offset;
  while (line < content.end()) {
    std::size_t start = line;
    // After the container's prefix, if this line has one.
    for (const ByteRange &p : prefixes)
      if (p.offset == line)
        start = p.end();
    std::size_t i = start;
    while (i < content.end() && i - start < fence_indent && text[i] == ' ')
      ++i;
    if (i > start)
      out.push_back(ByteRange::fromBounds(start, i));
    std::size_t nl = text.find('\n', line);
    if (nl == std::string_view::npos || nl >= content.end())
      break;
    line = nl + 1;
  }
  return out;
}

/// The fence's own indentation: the spaces before it on its line, less the
/// container's prefix (as wide as the one on the content lines: a list
/// item's indentation, a quote's "> ").
std::size_t fenceIndent(std::string_view text, std::size_t fence,
                        const std::vector<ByteRange> &prefixes) {
  std::size_t spaces = 0;
  while (fence - spaces > 0 && text[fence - spaces - 1] == ' ')
    ++spaces;
  const std::size_t line = fence - spaces;
  // rfind's npos + 1 is 0: the first line starts the text.
  const std::size_t column =
      line == 0 ? 0 : line - (text.rfind('\n', line - 1) + 1);
  const std::size_t container = prefixes.empty() ? 0 : prefixes.front().length;
  const std::size_t own = column + spaces;
  return own > container ? std::min(spaces, own - container) : 0;
}

void addMarkdownBlock(TSNode fence, std::string_view text,
                      std::vector<CodeBlock> &out) {
  TSNode info{}, content{};
  bool has_info = false, has_content = false;
  for (TSNode child : ts::namedChildren(fence)) {
    if (nodeType(child) == "info_string") {
      info = child;
      has_info = true;
    } else if (nodeType(child) == "code_fence_content") {
      content = child;
      has_content = true;
    }
  }
  if (!has_info || !has_content)
    return;
  auto language = blockLanguage(nodeText(info, text));
  if (!language)
    return;
  std::vector<ByteRange> skip;
  for (TSNode child : ts::namedChildren(content))
    if (nodeType(child) == "block_continuation")
      skip.push_back(nodeRange(child));
  std::size_t fence_indent = fenceIndent(text, ts_node_start_byte(fence), skip);
  if (fence_indent > 0) {
    auto indents = fenceIndents(text, nodeRange(content), fence_indent, skip);
    skip.insert(skip.end(), indents.begin(), indents.end());
    std::sort(skip.begin(), skip.end(),
              [](ByteRange a, ByteRange b) { return a.offset < b.offset; });
  }
  CodeBlock block = collect(text, nodeRange(content), skip);
  block.kind = language->first;
  block.language = language->second;
  block.line_prefix = firstLinePrefix(text, block);
  out.push_back(std::move(block));
}

// ---- reStructuredText -----------------------------------------------------

struct Line {
  std::size_t offset = 0;
  std::string_view text; ///< without its line break
};

std::vector<Line> linesOf(std::string_view text) {
  std::vector<Line> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    lines.push_back(Line{at, text.substr(at, end - at)});
    at = end + 1;
  }
  return lines;
}

std::size_t indentWidth(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ')
    ++n;
  return n;
}

bool blankLine(std::string_view line) { return trim(line).empty(); }

/// `.. code-block:: python` (and `code`, `sourcecode`): the language, or
/// nullopt when the line is no such directive.
std::optional<std::string_view> directiveLanguage(std::string_view line) {
  std::string_view s = trim(line);
  if (s.substr(0, 3) != ".. ")
    return std::nullopt;
  s.remove_prefix(3);
  for (std::string_view name : {"code-block::", "sourcecode::", "code::"})
    if (s.substr(0, name.size()) == name)
      return trim(s.substr(name.size()));
  return std::nullopt;
}

} // namespace

std::optional<ByteRange> CodeBlock::toRaw(ByteRange range) const {
  if (range.end() >= raw_at.size())
    return std::nullopt;
  std::size_t start = raw_at[range.offset];
  if (range.empty())
    return ByteRange{start, 0};
  std::size_t end = raw_at[range.end() - 1] + 1;
  if (end - start != range.length)
    return std::nullopt; // it spans a line prefix
  return ByteRange{start, range.length};
}

std::string CodeBlock::escape(std::string_view text) const {
  std::string out;
  for (char c : text) {
    out.push_back(c);
    if (c == '\n')
      out += line_prefix;
  }
  return out;
}

const std::vector<Language> &blockEngineLanguages() {
  static const std::vector<Language> languages{
      Language::Python, Language::JavaScript, Language::TypeScript,
      Language::Tsx,    Language::Env,        Language::Yaml,
      Language::Json,   Language::Toml};
  return languages;
}

std::optional<Edit> CodeBlock::toRaw(const Edit &edit,
                                     std::string_view document) const {
  auto range = toRaw(edit.range);
  if (!range)
    return std::nullopt;
  const std::size_t at = edit.range.offset;
  const bool line_start = at == 0 || code[at - 1] == '\n';
  const std::string &text = edit.replacement;
  Edit out = edit;
  if (!line_start || text.empty() || text.back() != '\n') {
    out.range = *range;
    out.replacement = escape(text);
    return out;
  }
  // Before the prefix of the line it lands on, or at the end of the text.
  std::size_t start = range->offset;
  if (start > 0 && start <= document.size()) {
    std::size_t nl = document.rfind('\n', start - 1);
    start = nl == std::string_view::npos ? 0 : nl + 1;
  }
  std::string lines;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t nl = text.find('\n', from);
    lines += line_prefix;
    lines += text.substr(from, nl + 1 - from);
    from = nl + 1;
  }
  out.range = ByteRange{start, range->end() - start};
  out.replacement = std::move(lines);
  return out;
}

std::optional<std::pair<BlockKind, Language>>
blockLanguage(std::string_view info) {
  std::string_view s = trim(info);
  // MyST: ```{code-block} python
  if (!s.empty() && s.front() == '{') {
    std::size_t close = s.find('}');
    if (close == std::string_view::npos)
      return std::nullopt;
    s = trim(s.substr(close + 1));
  }
  std::size_t end = 0;
  while (end < s.size() && !isBlank(s[end]) && s[end] != '{' && s[end] != ',' &&
         s[end] != '=')
    ++end;
  const std::string word = asciiLower(s.substr(0, end));
  using P = std::pair<BlockKind, Language>;
  static const std::array<std::pair<std::string_view, P>, 31> kNames{{
      {"python", {BlockKind::Code, Language::Python}},
      {"py", {BlockKind::Code, Language::Python}},
      {"python3", {BlockKind::Code, Language::Python}},
      {"py3", {BlockKind::Code, Language::Python}},
      {"ipython", {BlockKind::Code, Language::Python}},
      {"javascript", {BlockKind::Code, Language::JavaScript}},
      {"js", {BlockKind::Code, Language::JavaScript}},
      {"jsx", {BlockKind::Code, Language::JavaScript}},
      {"mjs", {BlockKind::Code, Language::JavaScript}},
      {"cjs", {BlockKind::Code, Language::JavaScript}},
      {"typescript", {BlockKind::Code, Language::TypeScript}},
      {"ts", {BlockKind::Code, Language::TypeScript}},
      {"tsx", {BlockKind::Code, Language::Tsx}},
      {"cpp", {BlockKind::Cpp, Language::Cpp}},
      {"c++", {BlockKind::Cpp, Language::Cpp}},
      {"cc", {BlockKind::Cpp, Language::Cpp}},
      {"cxx", {BlockKind::Cpp, Language::Cpp}},
      {"bash", {BlockKind::Shell, Language::Env}},
      {"sh", {BlockKind::Shell, Language::Env}},
      {"shell", {BlockKind::Shell, Language::Env}},
      {"zsh", {BlockKind::Shell, Language::Env}},
      {"console", {BlockKind::Shell, Language::Env}},
      {"shell-session", {BlockKind::Shell, Language::Env}},
      {"dotenv", {BlockKind::Code, Language::Env}},
      {"env", {BlockKind::Code, Language::Env}},
      {".env", {BlockKind::Code, Language::Env}},
      {"yaml", {BlockKind::Code, Language::Yaml}},
      {"yml", {BlockKind::Code, Language::Yaml}},
      {"json", {BlockKind::Code, Language::Json}},
      {"jsonc", {BlockKind::Code, Language::Json}},
      {"toml", {BlockKind::Code, Language::Toml}},
  }};
  for (const auto &[name, kind] : kNames)
    if (word == name)
      return kind;
  return std::nullopt;
}

std::string markdownOverBudget(std::string_view text) {
  constexpr std::size_t kMaxContainers = 200;
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t columns = 0, markers = 0, i = line_start;
    auto spaceAt = [&](std::size_t j) {
      return j < text.size() && (text[j] == ' ' || text[j] == '\t');
    };
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (c == ' ') {
        ++columns;
      } else if (c == '\t') {
        columns += 4;
      } else if (c == '>') {
        ++markers;
      } else if ((c == '-' || c == '*' || c == '+') && spaceAt(i + 1)) {
        ++markers; // a bullet; `-----` is a rule, not a container
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        std::size_t j = i;
        while (j < text.size() &&
               std::isdigit(static_cast<unsigned char>(text[j])))
          ++j;
        if (j >= text.size() || (text[j] != '.' && text[j] != ')') ||
            !spaceAt(j + 1))
          break;
        ++markers;
        i = j;
      } else {
        break;
      }
    }
    if (markers + columns / 2 > kMaxContainers)
      return "more than " + std::to_string(kMaxContainers) +
             " nested Markdown blocks";
    std::size_t end = text.find('\n', i);
    if (end == std::string_view::npos)
      break;
    line_start = end + 1;
  }
  return "";
}

std::vector<CodeBlock> markdownBlocks(std::string_view text) {
  std::vector<CodeBlock> out;
  if (!markdownOverBudget(text).empty())
    return out;
  auto tree = ts::Tree::parse(tree_sitter_markdown(), text);
  if (!tree.ok())
    return out;
  ts::walk(tree.value().root(), [&](const ts::WalkStep &step) {
    if (nodeType(step.node) != "fenced_code_block")
      return true;
    addMarkdownBlock(step.node, text, out);
    return false;
  });
  return out;
}

std::vector<CodeBlock> rstBlocks(std::string_view text) {
  std::vector<CodeBlock> out;
  const std::vector<Line> lines = linesOf(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto name = directiveLanguage(lines[i].text);
    if (!name)
      continue;
    auto language = blockLanguage(*name);
    const std::size_t outer = indentWidth(lines[i].text);
    // Options (`:linenos:`) and blank lines, then the body: every line
    // indented deeper than the directive, blank lines included.
    std::size_t j = i + 1;
    while (j < lines.size() && (blankLine(lines[j].text) ||
                                (indentWidth(lines[j].text) > outer &&
                                 trim(lines[j].text).substr(0, 1) == ":")))
      ++j;
    std::size_t body = j;
    std::size_t indent = std::string_view::npos;
    while (j < lines.size() &&
           (blankLine(lines[j].text) || indentWidth(lines[j].text) > outer)) {
      if (!blankLine(lines[j].text))
        indent = std::min(indent, indentWidth(lines[j].text));
      ++j;
    }
    std::size_t end = j;
    while (end > body && blankLine(lines[end - 1].text))
      --end;
    if (!language || body == end) {
      i = j == i + 1 ? i : j - 1;
      continue;
    }
    CodeBlock block;
    block.kind = language->first;
    block.language = language->second;
    block.line_prefix.assign(indent, ' ');
    for (std::size_t k = body; k < end; ++k) {
      const Line &l = lines[k];
      std::size_t from = std::min(indent, l.text.size());
      for (std::size_t b = from; b < l.text.size(); ++b) {
        block.code.push_back(l.text[b]);
        block.raw_at.push_back(l.offset + b);
      }
      // The line break belongs to the code.
      if (l.offset + l.text.size() < text.size()) {
        block.code.push_back('\n');
        block.raw_at.push_back(l.offset + l.text.size());
      }
    }
    block.raw_at.push_back(block.raw_at.empty() ? lines[body].offset
                                                : block.raw_at.back() + 1);
    out.push_back(std::move(block));
    i = j - 1;
  }
  return out;
}

std::vector<CodeBlock> codeBlocks(Language language, std::string_view text) {
  if (language == Language::Rst)
    return rstBlocks(text);
  if (language == Language::Markdown)
    return markdownBlocks(text);
  return {};
}

} // namespace keyshift::docs
