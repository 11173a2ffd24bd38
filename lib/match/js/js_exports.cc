// What a JavaScript or TypeScript module binds at its top level under the
// names other modules import (ES modules and CommonJS), for the repository
// index (match/treesitter/module_index.h):
//   export const config = { apiKey: ... }   ->  config
//   const env = {...}; export { env as e }  ->  env, e
//   export default { apiKey: ... }          ->  default
//   module.exports = { apiKey: ... }        ->  "" (the module) and default
//   exports.apiKey = ... / module.exports.apiKey = ...  ->  apiKey
// A name is listed with the expression it holds; module_index.cc follows
// names and object literals from there. A name exported with a source
// (`export { X } from "./m"`, `export * from "./m"`) holds nothing of this
// module's: it is a re-export, which the repository plan follows; so is an
// imported name exported again (`import OpenAI from "openai"; export
// default OpenAI`).
#include "match/js/js_dialect.h"
#include "match/treesitter/file_context.h"
#include "match/treesitter/scopes.h"

namespace keyshift::js {
namespace {

using ts::childByField;
using ts::nodeType;
using ModuleValue = ts::Dialect::ModuleValue;

/// `const a = 1, b = {...}`: each plain name and its value.
void declared(TSNode declaration, bool exported, const ts::FileContext &file,
              std::vector<ModuleValue> &out) {
  for (TSNode d : ts::namedChildren(declaration)) {
    if (nodeType(d) != "variable_declarator")
      continue;
    TSNode name = childByField(d, "name");
    TSNode value = childByField(d, "value");
    if (nodeType(name) == "identifier" && !ts_node_is_null(value))
      out.push_back({std::string(file.textOf(name)), value, exported});
  }
}

/// The value a module-level name holds here, or the name itself (the
/// index follows it, or finds nothing).
TSNode valueOfName(TSNode name, const ts::FileContext &file) {
  const ts::Binding *b =
      file.scopes.moduleBinding(file.textOf(name), ts_node_start_byte(name));
  return b && !ts_node_is_null(b->value) ? b->value : name;
}

/// `export { a, b as c }` without a source: c holds what b holds.
void exportClause(TSNode clause, const ts::FileContext &file,
                  std::vector<ModuleValue> &out) {
  for (TSNode spec : ts::namedChildren(clause)) {
    if (nodeType(spec) != "export_specifier")
      continue;
    TSNode name = childByField(spec, "name");
    TSNode alias = childByField(spec, "alias");
    if (nodeType(name) != "identifier")
      continue;
    TSNode exported = ts_node_is_null(alias) ? name : alias;
    out.push_back(
        {std::string(file.textOf(exported)), valueOfName(name, file)});
  }
}

/// `module.exports` (`in_module` false: `exports` alone counts too), or
/// `module.exports.X` / `exports.X`: the export name, "" for the module.
std::optional<std::string> commonJsTarget(TSNode left,
                                          const ts::FileContext &file) {
  std::string_view text = file.textOf(left);
  if (text == "module.exports")
    return std::string();
  auto m = file.dialect.member(left, file.text);
  if (!m)
    return std::nullopt;
  std::string_view object = file.textOf(m->object);
  if (object == "module.exports" || object == "exports")
    return m->property;
  return std::nullopt;
}

void exportStatement(TSNode stmt, const ts::FileContext &file,
                     std::vector<ModuleValue> &out) {
  if (!ts_node_is_null(childByField(stmt, "source")))
    return; // a re-export: the other module's names
  TSNode decl = childByField(stmt, "declaration");
  std::string_view dt = nodeType(decl);
  if (dt == "lexical_declaration" || dt == "variable_declaration") {
    declared(decl, true, file, out);
    return;
  }
  TSNode value = childByField(stmt, "value");
  if (!ts_node_is_null(value)) {
    out.push_back({"default", nodeType(value) == "identifier"
                                  ? valueOfName(value, file)
                                  : value});
    return;
  }
  for (TSNode c : ts::namedChildren(stmt))
    if (nodeType(c) == "export_clause")
      exportClause(c, file, out);
}

/// A plain string's text (a module specifier or a quoted export name).
std::optional<std::string> plainString(TSNode n, const ts::FileContext &file) {
  auto s = file.dialect.readString(n, file.text);
  if (!s || !s->simple)
    return std::nullopt;
  return s->value;
}

/// An export name: an identifier, or a string (`export { "a-b" as c }`).
std::optional<std::string> exportName(TSNode n, const ts::FileContext &file) {
  if (nodeType(n) == "identifier")
    return std::string(file.textOf(n));
  return plainString(n, file);
}

/// `import OpenAI from "openai"; export default OpenAI` (or `export {
/// OpenAI as Client }`): an imported name exported again is a re-export of
/// what it imports.
void importsExported(TSNode stmt, const ts::FileContext &file,
                     std::vector<ModuleFacts::ReExport> &out) {
  auto imported = [&](TSNode name) -> std::optional<std::string> {
    // Scopes resolve imports (and `const` aliases of them), not locals.
    if (nodeType(name) != "identifier")
      return std::nullopt;
    return file.scopes.resolve(name);
  };
  TSNode value = childByField(stmt, "value");
  if (!ts_node_is_null(value)) {
    if (auto target = imported(value))
      out.push_back({"default", *target});
    return;
  }
  for (TSNode c : ts::namedChildren(stmt)) {
    if (nodeType(c) != "export_clause")
      continue;
    for (TSNode spec : ts::namedChildren(c)) {
      if (nodeType(spec) != "export_specifier")
        continue;
      TSNode name = childByField(spec, "name");
      TSNode alias = childByField(spec, "alias");
      auto as = exportName(ts_node_is_null(alias) ? name : alias, file);
      if (auto target = imported(name); target && as)
        out.push_back({*as, *target});
    }
  }
}

} // namespace

std::vector<ModuleFacts::ReExport>
JsDialect::reExports(const ts::FileContext &file) const {
  std::vector<ModuleFacts::ReExport> out;
  for (TSNode stmt : ts::namedChildren(file.root)) {
    if (nodeType(stmt) != "export_statement")
      continue;
    auto from = plainString(childByField(stmt, "source"), file);
    if (!from) {
      importsExported(stmt, file, out);
      continue;
    }
    from = packageOf(*from);
    bool listed = false;
    for (TSNode c : ts::namedChildren(stmt)) {
      if (nodeType(c) == "namespace_export") { // export * as ns from "./m"
        listed = true;
        if (auto ns = exportName(ts::firstNamedChild(c), file))
          out.push_back({*ns, *from});
      } else if (nodeType(c) == "export_clause") {
        listed = true;
        for (TSNode spec : ts::namedChildren(c)) {
          if (nodeType(spec) != "export_specifier")
            continue;
          auto name = exportName(childByField(spec, "name"), file);
          TSNode alias = childByField(spec, "alias");
          auto as = ts_node_is_null(alias) ? name : exportName(alias, file);
          if (name && as)
            out.push_back({*as, *from + "." + *name});
        }
      }
    }
    if (!listed) // export * from "./m"
      out.push_back({"*", *from});
  }
  return out;
}

std::vector<ModuleValue>
JsDialect::moduleValues(const ts::FileContext &file) const {
  std::vector<ModuleValue> out;
  // CommonJS needs the runtime's `module` and `exports`, not a local.
  bool common_js =
      !file.scopes.binds("module") && !file.scopes.binds("exports");
  for (TSNode stmt : ts::namedChildren(file.root)) {
    std::string_view type = nodeType(stmt);
    if (type == "lexical_declaration" || type == "variable_declaration") {
      declared(stmt, false, file, out);
    } else if (type == "export_statement") {
      exportStatement(stmt, file, out);
    } else if (type == "expression_statement" && common_js) {
      ts::Assignment a = assignment(ts::firstNamedChild(stmt));
      if (ts_node_is_null(a.left))
        continue;
      auto name = commonJsTarget(a.left, file);
      if (!name)
        continue;
      TSNode value = nodeType(a.right) == "identifier"
                         ? valueOfName(a.right, file)
                         : a.right;
      out.push_back({*name, value});
      if (name->empty()) // `import config from "./config"` under interop
        out.push_back({"default", value});
    }
  }
  return out;
}

} // namespace keyshift::js
