// The Python facts the rewrite actions share: how a string literal is
// spelled, whether an expression reads an environment variable, a call's
// arguments, where `import os` goes, and how the proxy settings are spelled
// as Python expressions. Pure functions over a tree-sitter tree.
#ifndef KEYSHIFT_MATCH_PYTHON_PYTHON_SYNTAX_H_
#define KEYSHIFT_MATCH_PYTHON_PYTHON_SYNTAX_H_

#include "base/byte_range.h"
#include "base/proxy_target.h"
#include "match/python/imports.h"
#include "rewrite/edit.h"

#include <tree_sitter/api.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::python {

const TSLanguage *language();

/// A string literal. `pieces` are its string_content ranges (an f-string
/// has several, split by interpolations); `simple` means one piece (or
/// none), no interpolation and no escape sequence, so `value` is exact.
struct StringLiteral {
  ByteRange range;
  std::string_view prefix; ///< r, f, b, rb, ... (as written)
  std::string_view quote;  ///< ' " ''' """
  std::vector<ByteRange> pieces;
  bool simple = false;
  std::string value; ///< the content when simple
  bool isBytes() const {
    return prefix.find_first_of("bB") != std::string_view::npos;
  }
};
std::optional<StringLiteral> readString(TSNode node, std::string_view text);

/// `os.environ["X"]`, `os.getenv("X")`, `os.environ.get("X", d)`,
/// `environ["X"]` / `getenv("X")` after `from os import ...`.
struct EnvRead {
  std::string name;
  ByteRange name_range; ///< the variable name inside the quotes
};
std::optional<EnvRead> asEnvRead(TSNode expr, std::string_view text,
                                 const ImportTable &imports);

struct Argument {
  TSNode node;             ///< the whole argument
  std::string_view name;   ///< keyword name, empty when positional
  TSNode value;            ///< the keyword's value (or the argument itself)
  bool list_splat = false; ///< *args
  bool dict_splat = false; ///< **kwargs
};
std::vector<Argument> callArguments(TSNode argument_list,
                                    std::string_view text);

/// How the rewritten code spells things, with the `import os` it may need.
class Spelling {
public:
  Spelling(const ProxyTarget &proxy, const ImportTable &imports, TSNode module,
           std::string_view text, std::string_view newline);

  /// `"B"`, or `os.environ.get("BE", "B")` with base_url_env.
  std::string baseUrlExpr() const;
  /// `os.environ["K"]`.
  std::string keyExpr() const;
  /// A string literal holding `value`, using `quote` when given.
  static std::string literal(std::string_view value, std::string_view quote);
  /// The edit adding `import os`, when the module does not import it yet.
  std::optional<Edit> importOsEdit(const std::string &rule_id) const;
  bool needsOsImport(std::string_view expr) const;

  /// How to call the shim's wrap function `dotted` ("keyshift_shim.wrap"):
  /// its local name, and the edit importing it when the module does not.
  /// Import edits commute (Edit::commutes), so `import os` and this one
  /// share the insertion point without conflicting.
  std::string wrapName(std::string_view dotted) const;
  std::optional<Edit> importWrapEdit(std::string_view dotted,
                                     const std::string &rule_id) const;

private:
  std::string osName() const;
  const ProxyTarget &proxy_;
  const ImportTable &imports_;
  std::string_view text_;
  std::optional<std::string> os_alias_;
  std::size_t import_offset_;
  std::string import_prefix_; ///< newline needed before the import line
  std::string newline_;
};

/// Where a new top-level import goes: after the docstring, `__future__`
/// imports and the leading block of imports; after a shebang or coding
/// line when there is nothing else. Returns the offset and whether a
/// newline must precede the inserted line (file ends without one).
std::pair<std::size_t, bool> importInsertionPoint(TSNode module,
                                                  std::string_view text);

/// "\r\n" when the line holding `offset` ends with CRLF, else "\n": in a
/// file with mixed line endings, new lines match their neighbours.
std::string_view newlineAt(std::string_view text, std::size_t offset);
/// Whether `node` sits inside an f-string's `{...}`: code written there
/// must not reuse the string's quote (a SyntaxError before Python 3.12).
bool insideInterpolation(TSNode node);
/// Whether only indentation precedes `offset` on its line.
bool startsLine(std::string_view text, std::size_t offset);

/// The statement that holds `node` directly under a block or the module.
TSNode enclosingStatement(TSNode node);
/// Leading whitespace of the line holding `offset`.
std::string_view indentationAt(std::string_view text, std::size_t offset);

} // namespace keyshift::python

#endif // KEYSHIFT_MATCH_PYTHON_PYTHON_SYNTAX_H_
