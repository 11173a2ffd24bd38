// What each name in a JavaScript / TypeScript module refers to, from its
// imports and require() calls, as dotted names "<module>.<export>":
//   import OpenAI from "openai"            ->  OpenAI = openai.default
//   import { OpenAI as OAI } from "openai" ->  OAI    = openai.OpenAI
//   import * as oa from "openai"           ->  oa     = openai
//   const { OpenAI } = require("openai")   ->  OpenAI = openai.OpenAI
//   const OpenAI = require("openai")       ->  OpenAI = openai (CommonJS
//                                              exports the class itself)
// `process` is the Node global unless the file binds it. A name also bound
// by a local class, function, parameter or other declaration resolves to
// nothing: a local class named OpenAI is not the SDK's. Scopes are
// approximated file-wide, which errs towards rewriting less.
#ifndef KEYSHIFT_MATCH_JS_IMPORTS_H_
#define KEYSHIFT_MATCH_JS_IMPORTS_H_

#include <tree_sitter/api.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace keyshift::js {

class ImportTable {
public:
  static ImportTable build(TSNode program, std::string_view text);

  /// The dotted name an identifier or member chain refers to.
  std::optional<std::string> resolve(TSNode expr, std::string_view text) const;
  /// The local name bound at the top level to `target` ("keyshift-shim.wrap"),
  /// when that binding is unambiguous.
  std::optional<std::string> moduleAlias(std::string_view target) const;
  /// Whether the file binds `name` at all (import, require, declaration).
  bool binds(std::string_view name) const {
    return bindings_.count(name) > 0 || local_names_.count(name) > 0;
  }
  /// The module a `require("m")` / `import("m")` call loads, if `expr` is one.
  std::optional<std::string> requiredModule(TSNode expr,
                                            std::string_view text) const;

private:
  void bindPattern(TSNode pattern, const std::string &target, bool top,
                   std::string_view text);
  void addLocals(TSNode pattern, std::string_view text);

  std::map<std::string, std::set<std::string>, std::less<>> bindings_;
  /// name -> target for imports and requires directly in the program.
  std::map<std::string, std::string, std::less<>> top_level_;
  std::set<std::string, std::less<>> local_names_;
};

} // namespace keyshift::js

#endif // KEYSHIFT_MATCH_JS_IMPORTS_H_
