// The JavaScript / TypeScript / TSX facts the rewrite actions share: the
// grammar of each dialect, how a string or template literal is spelled,
// whether an expression reads process.env, an object literal's properties,
// where a new import goes, and how the proxy settings are spelled as
// JavaScript. Pure functions over a tree-sitter tree.
#ifndef KEYSHIFT_MATCH_JS_JS_SYNTAX_H_
#define KEYSHIFT_MATCH_JS_JS_SYNTAX_H_

#include "base/byte_range.h"
#include "base/language.h"
#include "base/proxy_target.h"
#include "match/js/imports.h"
#include "rewrite/edit.h"

#include <tree_sitter/api.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::js {

/// The grammar for JavaScript, TypeScript or Tsx; nullptr for others.
const TSLanguage *language(Language dialect);

/// A string or template literal. `pieces` are its string_fragment ranges
/// (split by escapes and `${...}`); `simple` means at most one piece, no
/// escape and no substitution, so `value` is exact.
struct StringLiteral {
  ByteRange range;
  char quote = '"'; ///< ' " or `
  std::vector<ByteRange> pieces;
  bool simple = false;
  std::string value; ///< the content when simple
};
std::optional<StringLiteral> readString(TSNode node, std::string_view text);

/// `process.env.X`, `process.env["X"]`, `process.env?.X`.
struct EnvRead {
  std::string name;
  ByteRange name_range; ///< the name (inside the quotes for ["X"])
};
std::optional<EnvRead> asEnvRead(TSNode expr, std::string_view text,
                                 const ImportTable &imports);

/// `(x)`, `x!`, `x as T`, `x satisfies T`: the expression inside.
TSNode unwrapExpression(TSNode node);

/// One member of an object literal.
struct Property {
  TSNode node;           ///< the whole member
  std::string name;      ///< key when it is a plain name or string
  TSNode value;          ///< the value (null for shorthand and methods)
  bool spread = false;   ///< ...opts
  bool computed = false; ///< [expr]: key unknown
  bool shorthand = false;
};
std::vector<Property> objectProperties(TSNode object, std::string_view text);

/// How the rewritten code spells things.
class Spelling {
public:
  /// `path` tells CommonJS (.cjs, .cts) from ES modules when the file's
  /// own imports do not; `newline` is what inserted lines end with.
  Spelling(const ProxyTarget &proxy, const ImportTable &imports, TSNode program,
           std::string_view text, std::string_view path,
           std::string_view newline);

  /// A string literal in the file's quote style.
  std::string literal(std::string_view value) const;
  /// `"B"`, or `process.env.BE ?? "B"` with base_url_env.
  std::string baseUrlExpr() const;
  /// `process.env.K`.
  std::string keyExpr() const;

  /// How to call the shim's wrap function named by the rule's shim_wrap
  /// ("keyshift_shim.wrap"): its local name, and the import adding it when
  /// the file lacks one. Import edits commute (Edit::commutes).
  std::string wrapName(std::string_view dotted) const;
  std::optional<Edit> importWrapEdit(std::string_view dotted,
                                     const std::string &rule_id) const;
  /// "keyshift_shim.wrap" -> "keyshift-shim.wrap": the symbol as the
  /// import table spells it.
  static std::string npmSymbol(std::string_view dotted);
  /// A CommonJS file (.cjs/.cts, or require()/exports and no import).
  bool commonJs() const { return common_js_; }

private:
  const ProxyTarget &proxy_;
  const ImportTable &imports_;
  std::string_view text_;
  char quote_ = '"';
  bool semicolons_ = true;
  bool common_js_ = false;
  std::size_t import_offset_ = 0;
  std::string import_prefix_; ///< newline needed before the import line
  std::string newline_;
};

/// "\r\n" when the line holding `offset` ends with CRLF, else "\n".
std::string_view newlineAt(std::string_view text, std::size_t offset);
/// Leading whitespace of the line holding `offset`.
std::string_view indentationAt(std::string_view text, std::size_t offset);
/// Whether `name` can follow `process.env.` as written.
bool isIdentifierName(std::string_view name);

} // namespace keyshift::js

#endif // KEYSHIFT_MATCH_JS_JS_SYNTAX_H_
