// How keyshift writes JavaScript and TypeScript: `process.env.K`, literals
// in the quote the file's imports use, semicolons as the file has them, and
// the shim's import as an ES import or, in CommonJS files, a require().
#include "match/js/js_dialect.h"
#include "match/treesitter/file_context.h"
#include "match/treesitter/layout.h"
#include "match/treesitter/scopes.h"

#include <array>
#include <utility>

namespace keyshift::js {
namespace {

using ts::nodeType;

/// npm package names may hold dashes, which the rule schema's dotted
/// shim_wrap names (module.function) cannot spell; rules write the module
/// with underscores and this table maps it to the package on npm.
constexpr std::array<std::pair<std::string_view, std::string_view>, 1>
    kNpmPackages{{{"keyshift_shim", "keyshift-shim"}}};

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

/// A top-level `const x = require("m")` (or `.a` of it, or destructured).
bool isRequireDeclaration(TSNode stmt, std::string_view text,
                          bool require_is_bound) {
  std::string_view t = nodeType(stmt);
  if (t != "lexical_declaration" && t != "variable_declaration")
    return false;
  bool any = false;
  for (TSNode d : ts::namedChildren(stmt)) {
    if (nodeType(d) != "variable_declarator")
      continue;
    if (!requireChain(ts::childByField(d, "value"), text, require_is_bound))
      return false;
    any = true;
  }
  return any;
}

bool isDirective(TSNode stmt) {
  return nodeType(stmt) == "expression_statement" &&
         ts_node_named_child_count(stmt) == 1 &&
         nodeType(ts::firstNamedChild(stmt)) == "string";
}

std::string envExpr(std::string_view name, char quote) {
  if (ts::isIdentifierName(name))
    return "process.env." + std::string(name);
  return "process.env[" + (quote + std::string(name) + quote) + "]";
}

/// The file's own habits, read once: quotes, semicolons, module system and
/// where imports go.
struct Habits {
  char quote = '"';
  bool semicolons = true;
  bool common_js = false;
  ts::ImportPoint import_point;
};

Habits readHabits(const ts::FileContext &file) {
  std::string_view text = file.text;
  bool require_is_bound = file.scopes.binds("require");
  std::optional<TSNode> last_import, last_require, first_statement;
  std::size_t after_prologue = 0;
  bool prologue = true;
  for (TSNode stmt : ts::namedChildren(file.root)) {
    std::string_view type = nodeType(stmt);
    if (type == "comment")
      continue;
    // A shebang and "use strict" / "use client" must stay first.
    if (prologue && (type == "hash_bang_line" || isDirective(stmt))) {
      after_prologue = ts::endOfLine(text, ts_node_end_byte(stmt));
      continue;
    }
    prologue = false;
    if (!first_statement)
      first_statement = stmt;
    if (type == "import_statement")
      last_import = stmt;
    else if (isRequireDeclaration(stmt, text, require_is_bound))
      last_require = stmt;
  }
  Habits h;
  std::optional<TSNode> sample = last_import ? last_import : last_require;
  if (!sample)
    sample = first_statement;
  if (sample) {
    std::string_view s = ts::nodeText(*sample, text);
    h.semicolons = !s.empty() && s.back() == ';';
    std::size_t q = s.find_first_of("'\"");
    if ((last_import || last_require) && q != std::string_view::npos)
      h.quote = s[q];
  }
  std::string_view path = file.path;
  bool esm_by_name = endsWith(path, ".mjs") || endsWith(path, ".mts");
  h.common_js =
      !esm_by_name &&
      (endsWith(path, ".cjs") || endsWith(path, ".cts") ||
       (!last_import && text.find("export ") == std::string_view::npos &&
        (last_require || text.find("require(") != std::string_view::npos ||
         text.find("exports.") != std::string_view::npos)));
  std::optional<TSNode> anchor = h.common_js ? last_require : last_import;
  h.import_point.offset =
      anchor ? ts::endOfLine(text, ts_node_end_byte(*anchor)) : after_prologue;
  h.import_point.needs_newline = h.import_point.offset == text.size() &&
                                 !text.empty() && text.back() != '\n';
  return h;
}

class JsSpelling final : public ts::Spelling {
public:
  JsSpelling(const ProxyTarget &proxy, const ts::FileContext &file,
             Habits habits)
      : Spelling(proxy, file.scopes, habits.import_point, file.newline),
        habits_(habits) {}

  std::string literal(std::string_view value) const override {
    return habits_.quote + std::string(value) + habits_.quote;
  }
  std::string envRead(std::string_view name) const override {
    return envExpr(name, habits_.quote);
  }
  std::string envReadOr(std::string_view name,
                        std::string_view fallback) const override {
    return envExpr(name, habits_.quote) + " ?? " + std::string(fallback);
  }
  // keyshift-shim is an ES module, which require() cannot load on the
  // Node versions we support: CommonJS files are not wrapped (README).
  /// "keyshift_shim.wrap" -> "keyshift-shim.wrap".
  std::string symbolFor(std::string_view dotted) const override {
    std::size_t dot = dotted.rfind('.');
    std::string_view module = dotted.substr(0, dot);
    for (const auto &[rule_name, package] : kNpmPackages)
      if (module == rule_name)
        return std::string(package) + std::string(dotted.substr(dot));
    return std::string(dotted);
  }

protected:
  std::string importLine(std::string_view module, std::string_view name,
                         std::string_view local) const override {
    std::string n(name), l(local);
    std::string line = habits_.common_js
                           ? "const { " + n + (l != n ? ": " + l : "") +
                                 " } = require(" + literal(module) + ")"
                           : "import { " + n + (l != n ? " as " + l : "") +
                                 " } from " + literal(module);
    return habits_.semicolons ? line + ";" : line;
  }

private:
  Habits habits_;
};

} // namespace

std::unique_ptr<ts::Spelling>
JsDialect::spelling(const ts::FileContext &file,
                    const ProxyTarget &proxy) const {
  return std::make_unique<JsSpelling>(proxy, file, readHabits(file));
}

} // namespace keyshift::js
