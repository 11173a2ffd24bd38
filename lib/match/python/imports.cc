#include "match/python/imports.h"

#include "match/treesitter/tree.h"

#include <vector>

namespace keyshift::python {
namespace {

std::string text(TSNode n, std::string_view src) {
  return std::string(ts::nodeText(n, src));
}

/// The first segment of a dotted name: `import a.b.c` binds `a`.
std::string firstSegment(const std::string &dotted) {
  return dotted.substr(0, dotted.find('.'));
}

} // namespace

ImportTable ImportTable::build(TSNode module, std::string_view src) {
  ImportTable table;
  std::vector<TSNode> stack{module};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    std::string_view type = ts::nodeType(n);
    TSNode parent = ts_node_parent(n);
    bool top = !ts_node_is_null(parent) && ts::nodeType(parent) == "module";
    auto bind = [&](const std::string &name, const std::string &target) {
      table.bindings_[name].insert(target);
      if (top)
        table.top_level_.emplace(name, target);
    };
    if (type == "import_statement") {
      uint32_t count = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < count; ++i) {
        TSNode item = ts_node_named_child(n, i);
        if (ts::nodeType(item) == "aliased_import") {
          TSNode name = ts::childByField(item, "name");
          TSNode alias = ts::childByField(item, "alias");
          bind(text(alias, src), text(name, src));
        } else if (ts::nodeType(item) == "dotted_name") {
          std::string dotted = text(item, src);
          std::string first = firstSegment(dotted);
          bind(first, first);
        }
      }
      continue;
    }
    if (type == "import_from_statement") {
      TSNode module_name = ts::childByField(n, "module_name");
      if (ts::nodeType(module_name) != "dotted_name")
        continue; // relative imports name project modules, never the SDK
      std::string from = text(module_name, src);
      uint32_t count = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < count; ++i) {
        TSNode item = ts_node_named_child(n, i);
        if (ts_node_eq(item, module_name))
          continue;
        if (ts::nodeType(item) == "aliased_import") {
          TSNode name = ts::childByField(item, "name");
          TSNode alias = ts::childByField(item, "alias");
          bind(text(alias, src), from + "." + text(name, src));
        } else if (ts::nodeType(item) == "dotted_name") {
          std::string name = text(item, src);
          bind(name, from + "." + name);
        } else if (ts::nodeType(item) == "wildcard_import") {
          table.wildcard_modules_.push_back(from);
        }
      }
      continue;
    }
    if (type == "parameters" || type == "lambda_parameters") {
      // `def f(OpenAI): OpenAI()` calls the argument, not the SDK.
      uint32_t count = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < count; ++i) {
        TSNode p = ts_node_named_child(n, i);
        TSNode name =
            ts::nodeType(p) == "identifier" ? p : ts::childByField(p, "name");
        if (ts::nodeType(name) != "identifier" && !ts_node_is_null(p) &&
            ts_node_named_child_count(p) > 0)
          name = ts_node_named_child(p, 0);
        if (ts::nodeType(name) == "identifier")
          table.local_names_.insert(text(name, src));
      }
    }
    if (type == "class_definition" || type == "function_definition") {
      TSNode name = ts::childByField(n, "name");
      if (!ts_node_is_null(name))
        table.local_names_.insert(text(name, src));
    }
    if (type == "assignment" &&
        ts::nodeType(ts_node_parent(n)) == "expression_statement" &&
        ts::nodeType(ts_node_parent(ts_node_parent(n))) == "module") {
      TSNode left = ts::childByField(n, "left");
      if (ts::nodeType(left) == "identifier")
        table.local_names_.insert(text(left, src));
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
    // `os` used without an import is still the os module: the import
    // keyshift itself adds must not change what a second run finds.
    if (it == bindings_.end()) {
      // `from openai import *`: an unbound name may come from it (with
      // more than one such import, which one is anyone's guess).
      if (wildcard_modules_.size() == 1)
        return wildcard_modules_.front() + "." + name;
      return name == "os" ? std::optional<std::string>("os") : std::nullopt;
    }
    if (it->second.size() != 1)
      return std::nullopt;
    return *it->second.begin();
  }
  if (type == "attribute") {
    auto base = resolve(ts::childByField(expr, "object"), src);
    if (!base)
      return std::nullopt;
    return *base + "." + text(ts::childByField(expr, "attribute"), src);
  }
  return std::nullopt;
}

std::optional<std::string>
ImportTable::moduleAlias(std::string_view module) const {
  for (const auto &[name, target] : top_level_) {
    auto all = bindings_.find(name);
    if (target == module && all->second.size() == 1 &&
        !local_names_.count(name))
      return name;
  }
  return std::nullopt;
}

} // namespace keyshift::python
