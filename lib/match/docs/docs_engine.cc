#include "match/docs/docs_engine.h"

#include "base/line_index.h"
#include "finding/base_url_hold.h"
#include "match/docs/code_blocks.h"
#include "match/docs/mentions.h"
#include "match/joined_code.h"
#include "match/treesitter/budget.h"
#include "ruleset/rule.h"
#include "secrets/inline_ignore.h"

#include <algorithm>
#include <cctype>

namespace keyshift::docs {
namespace {

/// Moves `f` from the block's coordinates to the document's. A change that
/// cannot be mapped (it reaches a line prefix) is dropped and said so.
void toDocument(Finding &f, const CodeBlock &block, std::string_view doc) {
  // The range as the reader sees it: from its first byte to its last,
  // line prefixes between them included.
  const std::size_t last = block.raw_at.size() - 1;
  const std::size_t begin = block.raw_at[std::min(f.range.offset, last)];
  const std::size_t end =
      f.range.empty() ? begin
                      : block.raw_at[std::min(f.range.end() - 1, last)] + 1;
  f.range = ByteRange::fromBounds(begin, std::max(begin, end));
  f.key_at = block.raw_at[std::min(f.key_at, last)];
  if (!f.change)
    return;
  for (Edit &e : f.change->edits) {
    auto raw = block.toRaw(e, doc);
    if (!raw) {
      f.change.reset();
      f.after.clear();
      f.message += " (the change would cross the block's line prefixes: "
                   "not rewritten)";
      return;
    }
    e = *raw;
  }
}

/// Whether a line of code starts an import (`import x`, `from x import y`,
/// `const X = require("x")`): what later blocks need to know which SDK
/// their names are.
bool isImport(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
    line.remove_prefix(1);
  return line.starts_with("import ") || line.starts_with("from ") ||
         line.find("require(") != std::string_view::npos;
}

/// The code an engine saw for one block (the imports of the earlier blocks
/// of its language, then the block) and, per line of it, the document line
/// it came from. Only imports carry over, so a document of many blocks
/// costs as many matches of about one block each, not a quadratic sum.
struct Joined {
  std::string code;
  std::vector<unsigned> doc_line; ///< by 0-based line of `code`
  /// `block`'s lines, or only its imports (a bracket left open continues
  /// the import on the next lines).
  void append(const CodeBlock &block, const LineIndex &doc,
              bool imports_only = false) {
    int open = 0;
    for (std::size_t start = 0; start < block.code.size();) {
      std::size_t end = block.code.find('\n', start);
      end = end == std::string::npos ? block.code.size() : end + 1;
      std::string_view line(block.code.data() + start, end - start);
      if (!imports_only || open > 0 || isImport(line)) {
        for (char c : line)
          open += (c == '(' || c == '{') ? 1 : (c == ')' || c == '}') ? -1 : 0;
        open = std::max(open, 0);
        doc_line.push_back(
            static_cast<unsigned>(doc.position(block.raw_at[start]).line));
        code += line;
        if (code.back() != '\n')
          code += '\n';
      }
      start = end;
    }
  }
  unsigned docLine(unsigned line) const {
    return line >= 1 && line <= doc_line.size() ? doc_line[line - 1] : line;
  }
};

/// Sites an engine named in the joined code's lines, named in the
/// document's: the related sites and the "input.md:3" in messages.
void toDocumentLines(Finding &f, const std::string &path,
                     const Joined &joined) {
  for (RelatedSite &s : f.related)
    if (s.file == path)
      s.line = joined.docLine(s.line);
  const std::string tag = path + ":";
  std::string out;
  std::size_t at = 0;
  for (std::size_t hit = f.message.find(tag); hit != std::string::npos;
       hit = f.message.find(tag, at)) {
    std::size_t digits = hit + tag.size();
    std::size_t end = digits;
    while (end < f.message.size() && f.message[end] >= '0' &&
           f.message[end] <= '9')
      ++end;
    out += f.message.substr(at, digits - at);
    if (end > digits)
      out += std::to_string(joined.docLine(static_cast<unsigned>(std::stoul(
          f.message.substr(digits, std::min<std::size_t>(end - digits, 9))))));
    at = end;
  }
  f.message = out + f.message.substr(at);
}

/// Whether a block can hold anything the rules look for: every rule's
/// trigger names OpenAI (a host, a variable, an SDK) or is a key ("sk-").
/// Most blocks of a long document do not, and are not parsed.
bool mayMatter(std::string_view code) {
  static constexpr std::string_view kOpenAi = "openai";
  auto it =
      std::search(code.begin(), code.end(), kOpenAi.begin(), kOpenAi.end(),
                  [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) == b;
                  });
  return it != code.end() || code.find("sk-") != std::string_view::npos;
}

/// Engines that read code (names, imports) and so see the earlier blocks
/// of their language, as a reader of the document does.
bool readsEarlierBlocks(Language language) {
  return language == Language::Python || language == Language::JavaScript ||
         language == Language::TypeScript || language == Language::Tsx;
}

std::string_view blockName(const CodeBlock &block) {
  switch (block.kind) {
  case BlockKind::Shell:
    return "shell";
  case BlockKind::Cpp:
    return "C++";
  case BlockKind::Code:
    break;
  }
  return languageName(block.language);
}

} // namespace

DocsEngine::DocsEngine(
    Language document,
    std::map<Language, std::shared_ptr<const Matcher>> engines, bool rewrite)
    : document_(document), engines_(std::move(engines)), rewrite_(rewrite),
      checker_(*this) {}

const Matcher *DocsEngine::engineFor(Language language) const {
  auto it = engines_.find(language);
  return it == engines_.end() ? nullptr : it->second.get();
}

std::vector<Finding>
DocsEngine::match(const SourceFile &file,
                  const std::vector<const ruleset::Rule *> &rules,
                  const FlowQuery *) const {
  std::vector<Finding> out;
  if (document_ == Language::Markdown)
    if (std::string why = markdownOverBudget(file.content()); !why.empty())
      return {ts::tooComplexFinding(file, why)};
  const LineIndex lines(file.content());
  std::map<Language, Joined> earlier;
  for (const CodeBlock &block : codeBlocks(document_, file.content())) {
    const bool reads_earlier = readsEarlierBlocks(block.language);
    Joined joined = reads_earlier ? earlier[block.language] : Joined{};
    const std::size_t prefix = joined.code.size();
    joined.append(block, lines);
    if (reads_earlier)
      earlier[block.language].append(block, lines, /*imports_only=*/true);
    std::vector<Finding> found;
    if (!mayMatter(block.code))
      continue;
    if (const Matcher *engine = block.kind == BlockKind::Cpp
                                    ? nullptr
                                    : engineFor(block.language)) {
      std::vector<const ruleset::Rule *> wanted;
      for (const ruleset::Rule *r : rules)
        if (r->language == block.language)
          wanted.push_back(r);
      // Matched without the plan: an example is self-contained.
      SourceFile code(file.path(), joined.code, block.language);
      for (Finding &f : engine->match(code, wanted, nullptr))
        if (dropPrefix(f, prefix, "code block"))
          found.push_back(std::move(f));
    }
    if (block.kind != BlockKind::Code) {
      std::vector<ByteRange> covered;
      for (const Finding &f : found)
        covered.push_back(f.range);
      for (Finding &m : mentions(block.code, covered, blockName(block)))
        found.push_back(std::move(m));
    }
    // The block's own comments silence a finding as they would in a file.
    found.erase(std::remove_if(found.begin(), found.end(),
                               [&](const Finding &f) {
                                 return secrets::isIgnoredInline(
                                     block.code, f.range.offset, f.rule_id,
                                     block.language);
                               }),
                found.end());
    // A snippet that does not parse (`...` in a YAML example) is common in
    // documentation: the config engines' syntax-error finding is kept only
    // when it explains why another finding of the block is not rewritten.
    auto syntax = [](const Finding &f) {
      return f.rule_id.size() > 13 &&
             f.rule_id.compare(f.rule_id.size() - 13, 13, ".syntax-error") == 0;
    };
    if (std::all_of(found.begin(), found.end(), syntax))
      found.clear();
    // The model names an example uses are not the application's (`keyshift
    // verify` checks those against the proxy).
    std::erase_if(found, [](const Finding &f) {
      return f.kind == FindingKind::ModelName;
    });
    holdBaseUrls(found);
    for (Finding &f : found) {
      f.flow_envs.clear();
      f.key_symbol.clear();
      f.blocks_base_url = false;
      if (f.change && !rewrite_) {
        f.change.reset();
        f.after.clear();
        f.message += " (in documentation: reported; --include-docs rewrites "
                     "it)";
      }
      toDocumentLines(f, file.path(), joined);
      toDocument(f, block, file.content());
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::size_t DocsEngine::Checker::errorCount(std::string_view content) const {
  std::size_t errors = 0;
  for (const CodeBlock &block : codeBlocks(engine_.document_, content))
    if (const Matcher *engine = block.kind == BlockKind::Cpp
                                    ? nullptr
                                    : engine_.engineFor(block.language))
      errors += engine->syntaxChecker().errorCount(block.code);
  return errors;
}

} // namespace keyshift::docs
