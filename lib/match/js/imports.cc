#include "match/js/imports.h"

#include "match/treesitter/tree.h"

#include <vector>

namespace keyshift::js {
namespace {

std::string text(TSNode n, std::string_view src) {
  return std::string(ts::nodeText(n, src));
}

/// The value of a plain string literal (a module specifier): its fragments
/// joined. Escapes do not occur in module names worth resolving.
std::optional<std::string> stringValue(TSNode n, std::string_view src) {
  if (ts::nodeType(n) != "string")
    return std::nullopt;
  std::string out;
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_named_child(n, i);
    if (ts::nodeType(c) != "string_fragment")
      return std::nullopt;
    out += text(c, src);
  }
  return out;
}

/// `(x)`, `x!`, `await x`: the expression that matters for binding.
TSNode unwrap(TSNode n) {
  while (!ts_node_is_null(n)) {
    std::string_view t = ts::nodeType(n);
    if ((t == "parenthesized_expression" || t == "non_null_expression" ||
         t == "await_expression") &&
        ts_node_named_child_count(n) > 0)
      n = ts_node_named_child(n, 0);
    else
      break;
  }
  return n;
}

bool atTopLevel(TSNode n) {
  return ts::nodeType(ts_node_parent(n)) == "program";
}

} // namespace

std::optional<std::string>
ImportTable::requiredModule(TSNode expr, std::string_view src) const {
  expr = unwrap(expr);
  if (ts::nodeType(expr) != "call_expression")
    return std::nullopt;
  TSNode fn = ts::childByField(expr, "function");
  bool loader =
      ts::nodeType(fn) == "import" ||
      (ts::nodeType(fn) == "identifier" && ts::nodeText(fn, src) == "require" &&
       !local_names_.count("require"));
  TSNode args = ts::childByField(expr, "arguments");
  if (!loader || ts::nodeType(args) != "arguments" ||
      ts_node_named_child_count(args) != 1)
    return std::nullopt;
  return stringValue(ts_node_named_child(args, 0), src);
}

void ImportTable::addLocals(TSNode p, std::string_view src) {
  std::string_view t = ts::nodeType(p);
  if (t == "identifier" || t == "shorthand_property_identifier_pattern") {
    local_names_.insert(text(p, src));
  } else if (t == "pair_pattern") {
    addLocals(ts::childByField(p, "value"), src);
  } else if (t == "assignment_pattern" || t == "object_assignment_pattern") {
    addLocals(ts::childByField(p, "left"), src);
  } else if (t == "required_parameter" || t == "optional_parameter") {
    addLocals(ts::childByField(p, "pattern"), src);
  } else if (t == "object_pattern" || t == "array_pattern" ||
             t == "rest_pattern") {
    uint32_t count = ts_node_named_child_count(p);
    for (uint32_t i = 0; i < count; ++i)
      addLocals(ts_node_named_child(p, i), src);
  }
}

void ImportTable::bindPattern(TSNode p, const std::string &target, bool top,
                              std::string_view src) {
  auto bind = [&](const std::string &name, const std::string &to) {
    bindings_[name].insert(to);
    if (top)
      top_level_.emplace(name, to);
  };
  std::string_view t = ts::nodeType(p);
  if (t == "identifier") {
    bind(text(p, src), target);
  } else if (t == "assignment_pattern") {
    bindPattern(ts::childByField(p, "left"), target, top, src);
  } else if (t == "object_pattern") {
    uint32_t count = ts_node_named_child_count(p);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode item = ts_node_named_child(p, i);
      std::string_view it = ts::nodeType(item);
      if (it == "shorthand_property_identifier_pattern") {
        bind(text(item, src), target + "." + text(item, src));
      } else if (it == "object_assignment_pattern") {
        TSNode left = ts::childByField(item, "left");
        bind(text(left, src), target + "." + text(left, src));
      } else if (it == "pair_pattern") {
        TSNode key = ts::childByField(item, "key");
        std::optional<std::string> name =
            ts::nodeType(key) == "property_identifier"
                ? std::optional<std::string>(text(key, src))
                : stringValue(key, src);
        if (name)
          bindPattern(ts::childByField(item, "value"), target + "." + *name,
                      top, src);
        else
          addLocals(ts::childByField(item, "value"), src);
      } else {
        addLocals(item, src); // ...rest: an object of unknown shape
      }
    }
  } else {
    addLocals(p, src);
  }
}

ImportTable ImportTable::build(TSNode program, std::string_view src) {
  ImportTable table;
  std::vector<TSNode> stack{program};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    std::string_view type = ts::nodeType(n);
    if (type == "import_statement") {
      auto from = stringValue(ts::childByField(n, "source"), src);
      uint32_t count = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < count; ++i) {
        TSNode clause = ts_node_named_child(n, i);
        if (ts::nodeType(clause) == "import_require_clause") {
          // TypeScript: import OpenAI = require("openai")
          auto m = stringValue(ts::childByField(clause, "source"), src);
          if (m && ts_node_named_child_count(clause) > 0)
            table.bindPattern(ts_node_named_child(clause, 0), *m, true, src);
          continue;
        }
        if (ts::nodeType(clause) != "import_clause" || !from)
          continue;
        uint32_t parts = ts_node_named_child_count(clause);
        for (uint32_t k = 0; k < parts; ++k) {
          TSNode part = ts_node_named_child(clause, k);
          std::string_view pt = ts::nodeType(part);
          if (pt == "identifier") {
            table.bindPattern(part, *from + ".default", true, src);
          } else if (pt == "namespace_import" &&
                     ts_node_named_child_count(part) > 0) {
            table.bindPattern(ts_node_named_child(part, 0), *from, true, src);
          } else if (pt == "named_imports") {
            uint32_t specs = ts_node_named_child_count(part);
            for (uint32_t s = 0; s < specs; ++s) {
              TSNode spec = ts_node_named_child(part, s);
              if (ts::nodeType(spec) != "import_specifier")
                continue;
              TSNode name = ts::childByField(spec, "name");
              TSNode alias = ts::childByField(spec, "alias");
              auto exported = ts::nodeType(name) == "string"
                                  ? stringValue(name, src)
                                  : std::optional<std::string>(text(name, src));
              if (!exported)
                continue;
              TSNode local = ts_node_is_null(alias) ? name : alias;
              if (ts::nodeType(local) == "identifier")
                table.bindPattern(local, *from + "." + *exported, true, src);
            }
          }
        }
      }
      continue;
    }
    if (type == "variable_declarator") {
      TSNode name = ts::childByField(n, "name");
      TSNode value = ts::childByField(n, "value");
      // require("m"), require("m").a, (await import("m")).default
      std::optional<std::string> target;
      std::string suffix;
      for (TSNode v = unwrap(value); !ts_node_is_null(v);) {
        if (auto m = table.requiredModule(v, src)) {
          target = *m + suffix;
          break;
        }
        if (ts::nodeType(v) != "member_expression")
          break;
        TSNode prop = ts::childByField(v, "property");
        if (ts::nodeType(prop) != "property_identifier")
          break;
        suffix = "." + text(prop, src) + suffix;
        v = unwrap(ts::childByField(v, "object"));
      }
      if (target)
        table.bindPattern(name, *target, atTopLevel(ts_node_parent(n)), src);
      else
        table.addLocals(name, src);
    } else if (type == "class_declaration" || type == "function_declaration" ||
               type == "generator_function_declaration" ||
               type == "abstract_class_declaration" ||
               type == "enum_declaration") {
      TSNode name = ts::childByField(n, "name");
      if (!ts_node_is_null(name))
        table.local_names_.insert(text(name, src));
    } else if (type == "formal_parameters") {
      // `function f(OpenAI) { new OpenAI() }` builds the argument.
      uint32_t count = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < count; ++i)
        table.addLocals(ts_node_named_child(n, i), src);
    } else if (type == "arrow_function" || type == "catch_clause") {
      TSNode p = ts::childByField(n, "parameter");
      if (!ts_node_is_null(p))
        table.addLocals(p, src);
    }
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = count; i-- > 0;)
      stack.push_back(ts_node_named_child(n, i));
  }
  return table;
}

std::optional<std::string> ImportTable::resolve(TSNode expr,
                                                std::string_view src) const {
  std::string_view type = ts::nodeType(expr);
  if (type == "identifier") {
    std::string name = text(expr, src);
    if (local_names_.count(name))
      return std::nullopt;
    auto it = bindings_.find(name);
    if (it == bindings_.end())
      return name == "process" ? std::optional<std::string>("process")
                               : std::nullopt;
    if (it->second.size() != 1)
      return std::nullopt;
    return *it->second.begin();
  }
  if (type == "member_expression") {
    TSNode prop = ts::childByField(expr, "property");
    if (ts::nodeType(prop) != "property_identifier")
      return std::nullopt;
    auto base = resolve(ts::childByField(expr, "object"), src);
    if (!base)
      return std::nullopt;
    return *base + "." + text(prop, src);
  }
  if (type == "parenthesized_expression" || type == "non_null_expression")
    return ts_node_named_child_count(expr) == 1
               ? resolve(ts_node_named_child(expr, 0), src)
               : std::nullopt;
  if (type == "call_expression")
    return requiredModule(expr, src);
  return std::nullopt;
}

std::optional<std::string>
ImportTable::moduleAlias(std::string_view target) const {
  for (const auto &[name, to] : top_level_) {
    auto all = bindings_.find(name);
    if (to == target && all->second.size() == 1 && !local_names_.count(name))
      return name;
  }
  return std::nullopt;
}

} // namespace keyshift::js
