// The code blocks of a document: Markdown/MDX fenced blocks (read with the
// tree-sitter Markdown block grammar, so lists, block quotes, `~~~` fences
// and indented code are told apart as CommonMark does) and reStructuredText
// `code-block`/`code`/`sourcecode` directives (read by indentation, which
// is all RST's syntax for them is). Each block is the code as its language
// sees it, with the map back to the document's bytes: the prefix a block
// quote or a list puts before each line is not code.
#ifndef KEYSHIFT_MATCH_DOCS_CODE_BLOCKS_H_
#define KEYSHIFT_MATCH_DOCS_CODE_BLOCKS_H_

#include "base/byte_range.h"
#include "base/language.h"
#include "rewrite/edit.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::docs {

/// What a block's info string names, as keyshift reads it.
enum class BlockKind {
  Code,  ///< a language an engine parses (Block::language)
  Shell, ///< sh/bash/console: assignments as env lines, the rest mentioned
  Cpp,   ///< C++ needs a compile command: mentioned only
};

struct CodeBlock {
  BlockKind kind = BlockKind::Code;
  Language language = Language::Unknown; ///< Env for Shell, Cpp for Cpp
  std::string code;
  /// The document byte of each byte of `code`, plus one entry for its end.
  std::vector<std::size_t> raw_at;
  /// What the document puts before each line of the block (indentation,
  /// "> "): a new line in a replacement is followed by it.
  std::string line_prefix;

  /// `range` of `code` as document bytes; nullopt when it spans bytes that
  /// are not code (a line prefix), which no edit may touch.
  std::optional<ByteRange> toRaw(ByteRange range) const;
  /// `text` as written inside the block: each new line in it starts with
  /// the line prefix.
  std::string escape(std::string_view text) const;
  /// An edit of `code` as an edit of `document`. Whole lines inserted at a
  /// line's start go before that line's prefix, each with a prefix of its
  /// own (a blank line in a list item has none to follow); nullopt when
  /// the edit spans a line prefix.
  std::optional<Edit> toRaw(const Edit &edit, std::string_view document) const;
};

/// The languages whose engines read blocks (the rest are mentioned only).
const std::vector<Language> &blockEngineLanguages();

/// The language keyshift reads a block's info string as (`python`, `ts`,
/// `{code-block} python` in MyST...); nullopt for any other.
std::optional<std::pair<BlockKind, Language>>
blockLanguage(std::string_view info);

/// Why `text` is too deeply nested for tree-sitter-markdown, or "".
/// Its scanner aborts the process (an assertion in libtree-sitter) past
/// about 255 open containers (block quotes, list items); a line opens at
/// most one per `>` or list marker before its text and one per two columns
/// of indentation, so this bound is never below the real nesting.
std::string markdownOverBudget(std::string_view text);
/// Markdown's fenced blocks with a known language, in document order;
/// none for a text over markdownOverBudget (not parsed at all).
std::vector<CodeBlock> markdownBlocks(std::string_view text);
/// reStructuredText's code directives with a known language, in order.
std::vector<CodeBlock> rstBlocks(std::string_view text);
/// The blocks of a document in `language` (Markdown or Rst).
std::vector<CodeBlock> codeBlocks(Language language, std::string_view text);

} // namespace keyshift::docs

#endif // KEYSHIFT_MATCH_DOCS_CODE_BLOCKS_H_
