// JavaScript, TypeScript and TSX as dialects of the tree-sitter engine (one
// class, three grammars): how they bind names (import, require(), var and
// its hoisting, let/const, destructuring, parameters; TypeScript's
// type-only imports bind no value), spell strings and templates, read the
// environment (process.env, import.meta.env, Deno.env.get, destructuring), pass
// options (one object literal, also one bound to a local), and where an import
// or require() goes.
#ifndef KEYSHIFT_MATCH_JS_JS_DIALECT_H_
#define KEYSHIFT_MATCH_JS_JS_DIALECT_H_

#include "match/treesitter/dialect.h"
#include "match/treesitter/spelling.h"

namespace keyshift::js {

class JsDialect final : public ts::Dialect {
public:
  explicit JsDialect(Language language);
  KEYSHIFT_TS_DIALECT_OVERRIDES;
  std::vector<ModuleValue>
  moduleValues(const ts::FileContext &file) const override;
  std::vector<ModuleFacts::ReExport>
  reExports(const ts::FileContext &file) const override;

private:
  /// A string literal naming a variable: `"K"`, `` `K` ``.
  std::optional<ts::EnvRead> quotedName(TSNode node,
                                        std::string_view text) const;
  /// `import { K } from "$env/static/private"`, or a use of K.
  std::optional<ts::EnvRead> staticImport(TSNode node,
                                          const ts::FileContext &file) const;
  /// The import specifier that binds `local`, at the top of the file.
  TSNode importSpecifier(std::string_view local,
                         const ts::FileContext &file) const;
  /// One entry of `const { K } = process.env`.
  std::optional<ts::EnvRead>
  destructuredRead(TSNode entry, const ts::FileContext &file) const;
  /// The entries of the object literal `object`, into `opts`.
  ts::OptionsOrReview objectOptions(TSNode object, ts::OptionList opts,
                                    const ts::OptionNames &names,
                                    const ts::FileContext &file) const;
  /// The object literal a lone argument names, when it is bound once in
  /// its scope, with that literal, and used nowhere else.
  TSNode localObject(TSNode argument, const ts::FileContext &file) const;

  Language language_;
  const TSLanguage *grammar_;
};

/// The dialect for JavaScript, TypeScript or Tsx; nullptr for others.
const JsDialect *dialect(Language language);

/// The package a module specifier loads, as the scopes name it
/// (`npm:openai@4`, `openai/index.mjs` -> "openai"); others as written.
std::string packageOf(std::string spec);

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
