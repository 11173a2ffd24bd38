// How Python binds names, for the engine's scopes (match/treesitter/
// scopes.h): imports, def and class names, parameters, assignment, for,
// with and except targets, walrus, global and nonlocal; module, class,
// function, lambda and comprehension scopes.
#include "match/python/python_dialect.h"
#include "match/treesitter/scopes.h"

#include <vector>

namespace keyshift::python {
namespace {

using ts::nodeType;

/// The first segment of a dotted name: `import a.b.c` binds `a`.
std::string firstSegment(const std::string &dotted) {
  return dotted.substr(0, dotted.find('.'));
}

bool isName(TSNode n) { return nodeType(n) == "identifier"; }

/// What a target pattern holds (`a, (b, *c)`); attributes and subscripts
/// bind nothing.
std::vector<TSNode> targetParts(TSNode n) {
  std::string_view t = nodeType(n);
  if (t == "pattern_list" || t == "tuple_pattern" || t == "list_pattern" ||
      t == "tuple" || t == "list" || t == "expression_list" ||
      t == "parenthesized_expression" || t == "list_splat_pattern" ||
      t == "list_splat" || t == "as_pattern_target")
    return ts::namedChildren(n);
  return {};
}

/// Binds every name an assignment target binds, with `value` for a lone
/// name.
void bindTargets(TSNode target, TSNode value, ts::ScopeBuilder &b) {
  b.bindPattern(target, value, ts::ScopeBuilder::Where::Innermost, isName,
                targetParts);
}

void bindImports(TSNode n, ts::ScopeBuilder &b) {
  std::string_view src = b.text();
  for (TSNode item : ts::namedChildren(n)) {
    if (nodeType(item) == "aliased_import") {
      TSNode name = ts::childByField(item, "name");
      TSNode alias = ts::childByField(item, "alias");
      b.bindImport(ts::nodeString(alias, src), ts::nodeRange(alias),
                   ts::nodeString(name, src));
    } else if (nodeType(item) == "dotted_name") {
      std::string first = firstSegment(ts::nodeString(item, src));
      b.bindImport(first, ts::nodeRange(item), first);
    }
  }
}

/// The SDK's own modules that re-export its clients: `from openai._client
/// import AsyncOpenAI` is the SDK's AsyncOpenAI, `openai.lib.azure`'s
/// AzureOpenAI its Azure client.
std::string sdkModule(std::string from) {
  if (from == "openai._client" || from == "openai.lib.azure")
    return "openai";
  return from;
}

void bindFromImports(TSNode n, ts::ScopeBuilder &b) {
  std::string_view src = b.text();
  TSNode module_name = ts::childByField(n, "module_name");
  // A relative import names a project module, never the SDK: its targets
  // keep their leading dots (".settings.KEY"), which the repository plan
  // resolves against the file's own package.
  bool relative = nodeType(module_name) == "relative_import";
  if (!relative && nodeType(module_name) != "dotted_name")
    return;
  std::string from = sdkModule(ts::nodeString(module_name, src));
  if (relative && from.back() == '.')
    from.pop_back(); // `from . import x` -> "." + ".x"
  for (TSNode item : ts::namedChildren(n)) {
    if (ts_node_eq(item, module_name))
      continue;
    if (nodeType(item) == "aliased_import") {
      TSNode name = ts::childByField(item, "name");
      TSNode alias = ts::childByField(item, "alias");
      b.bindImport(ts::nodeString(alias, src), ts::nodeRange(alias),
                   from + "." + ts::nodeString(name, src));
    } else if (nodeType(item) == "dotted_name") {
      std::string name = ts::nodeString(item, src);
      b.bindImport(name, ts::nodeRange(item), from + "." + name);
    } else if (nodeType(item) == "wildcard_import" && !relative) {
      b.addWildcard(from);
    }
  }
}

void bindParameters(TSNode n, ts::ScopeBuilder &b) {
  for (TSNode p : ts::namedChildren(n)) {
    // `def f(OpenAI): OpenAI()` calls the argument, not the SDK.
    TSNode name = nodeType(p) == "identifier" ? p : ts::childByField(p, "name");
    if (nodeType(name) != "identifier")
      name = ts::firstNamedChild(p);
    if (nodeType(name) == "identifier")
      b.bindLocal(name);
  }
}

bool isComprehension(std::string_view t) {
  return t == "list_comprehension" || t == "set_comprehension" ||
         t == "dictionary_comprehension" || t == "generator_expression";
}

} // namespace

void PythonDialect::declare(ts::WalkStep step, ts::ScopeBuilder &b) const {
  TSNode n = step.node;
  std::string_view type = nodeType(n);
  std::string_view src = b.text();
  if (type == "import_statement") {
    bindImports(n, b);
  } else if (type == "import_from_statement") {
    bindFromImports(n, b);
  } else if (type == "function_definition") {
    b.bindLocal(ts::childByField(n, "name"));
    b.open(n, ts::ScopeKind::Function);
  } else if (type == "class_definition") {
    b.bindLocal(ts::childByField(n, "name"));
    b.open(n, ts::ScopeKind::Class);
  } else if (type == "lambda") {
    b.open(n, ts::ScopeKind::Function);
  } else if (isComprehension(type)) {
    b.open(n, ts::ScopeKind::Comprehension);
  } else if (type == "parameters" || type == "lambda_parameters") {
    bindParameters(n, b);
  } else if (type == "global_statement" || type == "nonlocal_statement") {
    for (TSNode name : ts::namedChildren(n))
      if (nodeType(name) == "identifier") {
        if (type == "global_statement")
          b.declareGlobal(ts::nodeString(name, src));
        else
          b.declareNonlocal(ts::nodeString(name, src));
      }
  } else if (type == "assignment") {
    TSNode left = ts::childByField(n, "left");
    bindTargets(left, ts::childByField(n, "right"), b);
  } else if (type == "augmented_assignment") {
    bindTargets(ts::childByField(n, "left"), TSNode{}, b);
  } else if (type == "for_statement" || type == "for_in_clause") {
    bindTargets(ts::childByField(n, "left"), TSNode{}, b);
  } else if (type == "as_pattern") {
    bindTargets(ts::childByField(n, "alias"), TSNode{}, b);
  } else if (type == "named_expression") {
    b.bindLocal(ts::childByField(n, "name"), TSNode{},
                ts::ScopeBuilder::Where::Function);
  }
}

bool PythonDialect::isReference(ts::WalkStep step) const {
  // `x.attr` and `f(name=...)` name no variable.
  return nodeType(step.node) == "identifier" && step.field != "attribute" &&
         step.field != "name";
}

std::optional<ts::Member> PythonDialect::member(TSNode expr,
                                                std::string_view src) const {
  if (nodeType(expr) != "attribute")
    return std::nullopt;
  return ts::Member{ts::childByField(expr, "object"),
                    ts::nodeString(ts::childByField(expr, "attribute"), src)};
}

std::optional<std::string> PythonDialect::special(TSNode, const ts::Scopes &,
                                                  std::string_view) const {
  return std::nullopt;
}

std::optional<std::string>
PythonDialect::global(std::string_view name, const ts::Scopes &scopes) const {
  // `from openai import *`: an unbound name may come from it (with more
  // than one such import, which one is anyone's guess).
  if (scopes.wildcardModules().size() == 1)
    return scopes.wildcardModules().front() + "." + std::string(name);
  // `os` used without an import is still the os module: the import
  // keyshift itself adds must not change what a second run finds.
  if (name == "os")
    return "os";
  return std::nullopt;
}

} // namespace keyshift::python
