// How JavaScript, TypeScript and TSX bind names, for the engine's scopes
// (match/treesitter/scopes.h):
//   import OpenAI from "openai"            ->  OpenAI = openai.default
//   import { OpenAI as OAI } from "openai" ->  OAI    = openai.OpenAI
//   import * as oa from "openai"           ->  oa     = openai
//   const { OpenAI } = require("openai")   ->  OpenAI = openai.OpenAI
//   const OpenAI = require("openai")       ->  OpenAI = openai (CommonJS
//                                              exports the class itself)
//   import type { OpenAI } from "openai"   ->  nothing: types are no values
// Functions and arrows open function scopes (where `var` lands), blocks,
// loops and catch clauses open block scopes (`let`, `const`, classes).
// `process` and `Deno` are the runtime's globals unless the file binds them.
#include "match/js/js_dialect.h"
#include "match/treesitter/scopes.h"

#include <vector>

namespace keyshift::js {
namespace {

using ts::nodeText;
using ts::nodeType;
using Where = ts::ScopeBuilder::Where;

/// The value of a plain string literal (a module specifier): its fragments
/// joined. Escapes do not occur in module names worth resolving.
std::optional<std::string> stringValue(TSNode n, std::string_view src) {
  if (nodeType(n) != "string")
    return std::nullopt;
  std::string out;
  for (TSNode c : ts::namedChildren(n)) {
    if (nodeType(c) != "string_fragment")
      return std::nullopt;
    out += ts::nodeString(c, src);
  }
  return out;
}

/// `(x)`, `x!`, `await x`: the expression that loads a module.
TSNode unwrapLoading(TSNode n) {
  while (!ts_node_is_null(n)) {
    std::string_view t = nodeType(n);
    if ((t == "parenthesized_expression" || t == "non_null_expression" ||
         t == "await_expression") &&
        ts_node_named_child_count(n) > 0)
      n = ts::firstNamedChild(n);
    else
      break;
  }
  return n;
}

/// `import type ...`, `import { type X }`: TypeScript's type-only forms.
bool typeOnly(TSNode n) {
  for (TSNode c : ts::children(n))
    if (!ts_node_is_named(c) && nodeType(c) == "type")
      return true;
  return false;
}

bool isName(TSNode n) {
  std::string_view t = nodeType(n);
  return t == "identifier" || t == "shorthand_property_identifier_pattern";
}

/// What a declaration pattern or parameter holds.
std::vector<TSNode> patternParts(TSNode p) {
  std::string_view t = nodeType(p);
  if (t == "pair_pattern")
    return {ts::childByField(p, "value")};
  if (t == "assignment_pattern" || t == "object_assignment_pattern")
    return {ts::childByField(p, "left")};
  if (t == "required_parameter" || t == "optional_parameter")
    return {ts::childByField(p, "pattern")};
  if (t == "object_pattern" || t == "array_pattern" || t == "rest_pattern")
    return ts::namedChildren(p);
  return {};
}

/// Binds every name a declaration pattern or parameter declares.
void bindLocals(TSNode pattern, TSNode value, Where where,
                ts::ScopeBuilder &b) {
  b.bindPattern(pattern, value, where, isName, patternParts);
}

/// Binds what destructuring a loaded module declares: `{ OpenAI }` is the
/// module's export OpenAI; anything of unknown shape is a plain local.
void bindLoaded(TSNode pattern, const std::string &target, bool via_require,
                Where where, ts::ScopeBuilder &b) {
  std::string_view src = b.text();
  std::vector<std::pair<TSNode, std::string>> stack{{pattern, target}};
  while (!stack.empty()) {
    auto [p, to] = stack.back();
    stack.pop_back();
    std::string_view t = nodeType(p);
    if (t == "identifier") {
      b.bindImport(ts::nodeString(p, src), ts::nodeRange(p), to, via_require,
                   where);
    } else if (t == "assignment_pattern") {
      stack.emplace_back(ts::childByField(p, "left"), to);
    } else if (t == "object_pattern") {
      for (TSNode item : ts::namedChildren(p)) {
        std::string_view it = nodeType(item);
        if (it == "shorthand_property_identifier_pattern") {
          b.bindImport(ts::nodeString(item, src), ts::nodeRange(item),
                       to + "." + ts::nodeString(item, src), via_require,
                       where);
        } else if (it == "object_assignment_pattern") {
          TSNode left = ts::childByField(item, "left");
          b.bindImport(ts::nodeString(left, src), ts::nodeRange(left),
                       to + "." + ts::nodeString(left, src), via_require,
                       where);
        } else if (it == "pair_pattern") {
          TSNode key = ts::childByField(item, "key");
          std::optional<std::string> name =
              nodeType(key) == "property_identifier"
                  ? std::optional<std::string>(ts::nodeString(key, src))
                  : stringValue(key, src);
          if (name)
            stack.emplace_back(ts::childByField(item, "value"),
                               to + "." + *name);
          else
            bindLocals(ts::childByField(item, "value"), TSNode{}, where, b);
        } else {
          bindLocals(item, TSNode{}, where, b); // ...rest: unknown shape
        }
      }
    } else {
      bindLocals(p, TSNode{}, where, b);
    }
  }
}

/// `const { K, L: l, M = "" } = source`: each name is bound to its entry
/// of the pattern, so what it holds can be asked of the entry
/// (JsDialect::envRead reads `{ K } = process.env` there); nested patterns
/// and `...rest` bind plain locals.
void bindDestructured(TSNode pattern, Where where, ts::ScopeBuilder &b) {
  for (TSNode entry : ts::namedChildren(pattern)) {
    std::string_view t = nodeType(entry);
    TSNode name{};
    if (t == "shorthand_property_identifier_pattern") {
      name = entry;
    } else if (t == "object_assignment_pattern") {
      name = ts::childByField(entry, "left");
    } else if (t == "pair_pattern") {
      name = ts::childByField(entry, "value");
      if (nodeType(name) == "assignment_pattern")
        name = ts::childByField(name, "left");
    }
    if (isName(name))
      b.bindLocal(name, entry, where);
    else
      bindLocals(entry, TSNode{}, where, b);
  }
}

/// `const env = process.env`, `const OAI = sdk.OpenAI`: a name for a name.
bool aliases(TSNode declaration, TSNode name, TSNode value,
             std::string_view src) {
  TSNode kind = ts::childByField(declaration, "kind");
  if (ts_node_is_null(kind) || nodeText(kind, src) != "const" ||
      nodeType(name) != "identifier")
    return false;
  std::string_view t = nodeType(value);
  while (t == "parenthesized_expression" || t == "non_null_expression" ||
         t == "as_expression" || t == "satisfies_expression") {
    value = ts::firstNamedChild(value);
    t = nodeType(value);
  }
  return t == "identifier" || t == "member_expression";
}

void bindImportStatement(TSNode n, ts::ScopeBuilder &b) {
  if (typeOnly(n))
    return;
  std::string_view src = b.text();
  auto from = stringValue(ts::childByField(n, "source"), src);
  if (from)
    from = packageOf(*from);
  for (TSNode clause : ts::namedChildren(n)) {
    if (nodeType(clause) == "import_require_clause") {
      // TypeScript: import OpenAI = require("openai")
      auto m = stringValue(ts::childByField(clause, "source"), src);
      TSNode name = ts::firstNamedChild(clause);
      if (m && nodeType(name) == "identifier")
        b.bindImport(ts::nodeString(name, src), ts::nodeRange(name),
                     packageOf(*m));
      continue;
    }
    if (nodeType(clause) != "import_clause" || !from)
      continue;
    for (TSNode part : ts::namedChildren(clause)) {
      std::string_view pt = nodeType(part);
      if (pt == "identifier") {
        b.bindImport(ts::nodeString(part, src), ts::nodeRange(part),
                     *from + ".default");
      } else if (pt == "namespace_import") {
        TSNode name = ts::firstNamedChild(part);
        if (nodeType(name) == "identifier")
          b.bindImport(ts::nodeString(name, src), ts::nodeRange(name), *from);
      } else if (pt == "named_imports") {
        for (TSNode spec : ts::namedChildren(part)) {
          if (nodeType(spec) != "import_specifier" || typeOnly(spec))
            continue;
          TSNode name = ts::childByField(spec, "name");
          TSNode alias = ts::childByField(spec, "alias");
          auto exported =
              nodeType(name) == "string"
                  ? stringValue(name, src)
                  : std::optional<std::string>(ts::nodeString(name, src));
          TSNode local = ts_node_is_null(alias) ? name : alias;
          if (exported && nodeType(local) == "identifier")
            b.bindImport(ts::nodeString(local, src), ts::nodeRange(local),
                         *from + "." + *exported);
        }
      }
    }
  }
}

void bindDeclaration(TSNode n, ts::ScopeBuilder &b) {
  // `var` belongs to the function, `let` and `const` to the block.
  Where where = nodeType(n) == "variable_declaration" ? Where::Function
                                                      : Where::Innermost;
  for (TSNode d : ts::namedChildren(n)) {
    if (nodeType(d) != "variable_declarator")
      continue;
    TSNode name = ts::childByField(d, "name");
    TSNode value = ts::childByField(d, "value");
    bool via_require = false;
    // require("m"), require("m").a, (await import("m")).default
    if (auto target = requireChain(value, b.text(), false, &via_require))
      bindLoaded(name, *target, via_require, where, b);
    else if (aliases(n, name, value, b.text()))
      b.bindAlias(name, value, where);
    else if (nodeType(name) == "object_pattern" && !ts_node_is_null(value))
      bindDestructured(name, where, b);
    else
      bindLocals(name, value, where, b);
  }
}

} // namespace

/// The package a module specifier loads, as the scopes name it: Deno's
/// `npm:openai@4` and `jsr:@openai/openai` are the package "openai", and
/// `openai/index`, `openai/index.mjs` its entry point.
std::string packageOf(std::string spec) {
  for (std::string_view scheme : {"npm:", "jsr:"})
    if (spec.starts_with(scheme)) {
      spec.erase(0, scheme.size());
      // A version follows the name: `npm:openai@4`, `npm:@ai-sdk/openai@1`.
      std::size_t at = spec.find('@', spec.starts_with('@') ? 1 : 0);
      std::size_t slash =
          spec.find('/', spec.starts_with('@') ? spec.find('/') + 1 : 0);
      if (at != std::string::npos && at < slash)
        spec.erase(at, slash == std::string::npos ? slash : slash - at);
    }
  if (spec == "@openai/openai")
    return "openai"; // its JSR name
  for (std::string_view entry : {"openai/index", "openai/index.js",
                                 "openai/index.mjs", "openai/index.cjs"})
    if (spec == entry)
      return "openai";
  return spec;
}

std::optional<std::string> requiredModule(TSNode expr, std::string_view src,
                                          bool require_is_bound,
                                          bool *via_require) {
  expr = unwrapLoading(expr);
  if (nodeType(expr) != "call_expression")
    return std::nullopt;
  TSNode fn = ts::childByField(expr, "function");
  bool is_require = nodeType(fn) == "identifier" &&
                    nodeText(fn, src) == "require" && !require_is_bound;
  TSNode args = ts::childByField(expr, "arguments");
  if ((nodeType(fn) != "import" && !is_require) ||
      nodeType(args) != "arguments" || ts_node_named_child_count(args) != 1)
    return std::nullopt;
  if (via_require)
    *via_require = is_require;
  auto spec = stringValue(ts::firstNamedChild(args), src);
  if (!spec)
    return std::nullopt;
  return packageOf(*spec);
}

std::optional<std::string> requireChain(TSNode expr, std::string_view src,
                                        bool require_is_bound,
                                        bool *via_require) {
  std::string suffix;
  for (TSNode v = unwrapLoading(expr); !ts_node_is_null(v);) {
    if (auto m = requiredModule(v, src, require_is_bound, via_require))
      return *m + suffix;
    if (nodeType(v) != "member_expression")
      break;
    TSNode prop = ts::childByField(v, "property");
    if (nodeType(prop) != "property_identifier")
      break;
    suffix = "." + ts::nodeString(prop, src) + suffix;
    v = unwrapLoading(ts::childByField(v, "object"));
  }
  return std::nullopt;
}

void JsDialect::declare(ts::WalkStep step, ts::ScopeBuilder &b) const {
  TSNode n = step.node;
  std::string_view type = nodeType(n);
  if (type == "import_statement") {
    bindImportStatement(n, b);
  } else if (type == "lexical_declaration" || type == "variable_declaration") {
    bindDeclaration(n, b);
  } else if (type == "class_declaration" ||
             type == "abstract_class_declaration" ||
             type == "enum_declaration") {
    b.bindLocal(ts::childByField(n, "name"));
  } else if (type == "function_declaration" ||
             type == "generator_function_declaration") {
    b.bindLocal(ts::childByField(n, "name"));
    b.open(n, ts::ScopeKind::Function);
  } else if (type == "function_expression" || type == "function" ||
             type == "generator_function" || type == "method_definition") {
    b.open(n, ts::ScopeKind::Function);
    if (type != "method_definition")
      b.bindLocal(ts::childByField(n, "name"));
  } else if (type == "arrow_function") {
    b.open(n, ts::ScopeKind::Function);
    TSNode p = ts::childByField(n, "parameter");
    if (!ts_node_is_null(p))
      bindLocals(p, TSNode{}, Where::Innermost, b);
  } else if (type == "formal_parameters") {
    // `function f(OpenAI) { new OpenAI() }` builds the argument.
    for (TSNode p : ts::namedChildren(n))
      bindLocals(p, TSNode{}, Where::Innermost, b);
  } else if (type == "catch_clause") {
    b.open(n, ts::ScopeKind::Block);
    TSNode p = ts::childByField(n, "parameter");
    if (!ts_node_is_null(p))
      bindLocals(p, TSNode{}, Where::Innermost, b);
  } else if (type == "statement_block" || type == "switch_body" ||
             type == "for_statement") {
    b.open(n, ts::ScopeKind::Block);
  } else if (type == "for_in_statement") {
    b.open(n, ts::ScopeKind::Block);
    TSNode kind = ts::childByField(n, "kind");
    if (!ts_node_is_null(kind))
      bindLocals(ts::childByField(n, "left"), TSNode{},
                 nodeText(kind, b.text()) == "var" ? Where::Function
                                                   : Where::Innermost,
                 b);
  }
}

bool JsDialect::isReference(ts::WalkStep step) const {
  std::string_view t = nodeType(step.node);
  return t == "identifier" || t == "shorthand_property_identifier";
}

std::optional<ts::Member> JsDialect::member(TSNode expr,
                                            std::string_view src) const {
  if (nodeType(expr) != "member_expression")
    return std::nullopt;
  TSNode prop = ts::childByField(expr, "property");
  if (nodeType(prop) != "property_identifier")
    return std::nullopt;
  return ts::Member{ts::childByField(expr, "object"),
                    ts::nodeString(prop, src)};
}

std::optional<std::string> JsDialect::special(TSNode expr,
                                              const ts::Scopes &scopes,
                                              std::string_view src) const {
  if (nodeType(expr) == "meta_property" && nodeText(expr, src) == "import.meta")
    return "import.meta";
  // An import's source names the module (a rule's `where` on it).
  TSNode parent = ts_node_parent(expr);
  if (nodeType(parent) == "import_statement" &&
      ts_node_eq(ts::childByField(parent, "source"), expr))
    return stringValue(expr, src);
  return requiredModule(expr, src, scopes.binds("require"), nullptr);
}

std::optional<std::string> JsDialect::global(std::string_view name,
                                             const ts::Scopes &) const {
  if (name == "process" || name == "Deno")
    return std::string(name);
  return std::nullopt;
}

} // namespace keyshift::js
