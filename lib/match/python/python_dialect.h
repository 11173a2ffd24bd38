// Python as a dialect of the tree-sitter engine (tree-sitter-python): how
// it binds names (imports, def, class, parameters, assignments, global and
// nonlocal; function, class, lambda and comprehension scopes), spells
// strings (prefixes, f-strings), reads the environment (os.environ,
// os.getenv), passes options (keyword arguments, **dict), and where
// `import os` goes.
#ifndef KEYSHIFT_MATCH_PYTHON_PYTHON_DIALECT_H_
#define KEYSHIFT_MATCH_PYTHON_PYTHON_DIALECT_H_

#include "match/treesitter/dialect.h"
#include "match/treesitter/spelling.h"

namespace keyshift::python {

class PythonDialect final : public ts::Dialect {
public:
  Language language() const override { return Language::Python; }
  const TSLanguage *grammar() const override;

  void declare(ts::WalkStep step, ts::ScopeBuilder &b) const override;
  bool isReference(ts::WalkStep step) const override;
  std::optional<ts::Member> member(TSNode expr,
                                   std::string_view text) const override;
  std::optional<std::string> special(TSNode expr, const ts::Scopes &scopes,
                                     std::string_view text) const override;
  std::optional<std::string> global(std::string_view name,
                                    const ts::Scopes &scopes) const override;

  TSNode unwrap(TSNode expr) const override;
  std::optional<ts::StringLiteral>
  readString(TSNode node, std::string_view text) const override;
  std::optional<ts::EnvRead>
  envRead(TSNode expr, const ts::FileContext &file) const override;
  ts::Fallback splitFallback(TSNode expr, std::string_view text) const override;
  bool isNullLiteral(TSNode expr) const override;
  ts::Assignment assignment(TSNode node) const override;
  std::string_view formattedName() const override { return "f-string"; }

  ts::OptionsOrReview options(TSNode call, const ts::OptionNames &names,
                              const ts::FileContext &file) const override;
  TSNode callee(TSNode call) const override;
  bool isArgumentList(TSNode node) const override;
  std::optional<std::string> entryName(TSNode node,
                                       std::string_view text) const override;
  bool isTransparent(TSNode node) const override;
  bool reportsClientUrlOption() const override { return false; }

  bool isBlock(TSNode node) const override;
  std::string_view indentUnit() const override { return "    "; }
  bool quotesAllowedAt(TSNode node, const ts::FileContext &file) const override;
  std::optional<std::string>
  fixedLiteral(TSNode node, const ts::StringLiteral &literal,
               const ts::FileContext &file) const override;
  std::string expressionAt(TSNode node, std::string expr,
                           const ts::FileContext &file) const override;

  std::unique_ptr<ts::Spelling>
  spelling(const ts::FileContext &file,
           const ProxyTarget &proxy) const override;
};

/// The one Python dialect.
const PythonDialect &dialect();

/// Where a new top-level import goes: after the docstring, `__future__`
/// imports and the leading block of imports; after a shebang or coding
/// line when there is nothing else.
ts::ImportPoint importInsertionPoint(TSNode module, std::string_view text);

} // namespace keyshift::python

#endif // KEYSHIFT_MATCH_PYTHON_PYTHON_DIALECT_H_
