// JavaScript, TypeScript and TSX as dialects of the tree-sitter engine (one
// class, three grammars): how they bind names (import, require(), var and
// its hoisting, let/const, destructuring, parameters; TypeScript's
// type-only imports bind no value), spell strings and templates, read the
// environment (process.env), pass options (one object literal, also one
// bound to a local), and where an import or require() goes.
#ifndef KEYSHIFT_MATCH_JS_JS_DIALECT_H_
#define KEYSHIFT_MATCH_JS_JS_DIALECT_H_

#include "match/treesitter/dialect.h"
#include "match/treesitter/spelling.h"

namespace keyshift::js {

class JsDialect final : public ts::Dialect {
public:
  explicit JsDialect(Language language);
  Language language() const override { return language_; }
  const TSLanguage *grammar() const override { return grammar_; }

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
  std::string_view formattedName() const override { return "template"; }

  ts::OptionsOrReview options(TSNode call, const ts::OptionNames &names,
                              const ts::FileContext &file) const override;
  TSNode callee(TSNode call) const override;
  bool isArgumentList(TSNode node) const override;
  std::optional<std::string> entryName(TSNode node,
                                       std::string_view text) const override;
  bool isTransparent(TSNode node) const override;
  bool reportsClientUrlOption() const override { return true; }

  bool isBlock(TSNode node) const override;
  std::string_view indentUnit() const override { return "  "; }
  bool quotesAllowedAt(TSNode node, const ts::FileContext &file) const override;
  std::optional<std::string>
  fixedLiteral(TSNode node, const ts::StringLiteral &literal,
               const ts::FileContext &file) const override;
  std::string expressionAt(TSNode node, std::string expr,
                           const ts::FileContext &file) const override;

  std::unique_ptr<ts::Spelling>
  spelling(const ts::FileContext &file,
           const ProxyTarget &proxy) const override;

private:
  Language language_;
  const TSLanguage *grammar_;
};

/// The dialect for JavaScript, TypeScript or Tsx; nullptr for others.
const JsDialect *dialect(Language language);

/// The module a `require("m")` / `import("m")` call loads, if `expr` is
/// one (through parentheses and `await`). `require` counts unless the file
/// binds that name itself.
std::optional<std::string> requiredModule(TSNode expr, std::string_view text,
                                          bool require_is_bound,
                                          bool *via_require = nullptr);
/// The module and export path `require("m").a.b` (or `(await
/// import("m")).a`) loads: "m.a.b". *via_require tells require() from
/// import().
std::optional<std::string> requireChain(TSNode expr, std::string_view text,
                                        bool require_is_bound,
                                        bool *via_require = nullptr);

} // namespace keyshift::js

#endif // KEYSHIFT_MATCH_JS_JS_DIALECT_H_
