#include "match/js/js_syntax.h"

#include "match/treesitter/tree.h"

#include <array>
#include <utility>

extern "C" const TSLanguage *tree_sitter_javascript(void);
extern "C" const TSLanguage *tree_sitter_typescript(void);
extern "C" const TSLanguage *tree_sitter_tsx(void);

namespace keyshift::js {
namespace {

/// npm package names may hold dashes, which the rule schema's dotted
/// shim_wrap names (module.function) cannot spell; rules write the module
/// with underscores and this table maps it to the package on npm.
constexpr std::array<std::pair<std::string_view, std::string_view>, 1>
    kNpmPackages{{{"keyshift_shim", "keyshift-shim"}}};

/// The offset just past the line holding `offset` (its newline included).
std::size_t endOfLine(std::string_view text, std::size_t offset) {
  std::size_t nl = text.find('\n', offset);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

/// A top-level `const x = require("m")` (or `.a` of it, or destructured).
bool isRequireDeclaration(TSNode stmt, std::string_view text,
                          const ImportTable &imports) {
  std::string_view t = ts::nodeType(stmt);
  if (t != "lexical_declaration" && t != "variable_declaration")
    return false;
  uint32_t count = ts_node_named_child_count(stmt);
  bool any = false;
  for (uint32_t i = 0; i < count; ++i) {
    TSNode d = ts_node_named_child(stmt, i);
    if (ts::nodeType(d) != "variable_declarator")
      continue;
    TSNode v = unwrapExpression(ts::childByField(d, "value"));
    while (ts::nodeType(v) == "member_expression")
      v = unwrapExpression(ts::childByField(v, "object"));
    if (!imports.requiredModule(v, text))
      return false;
    any = true;
  }
  return any;
}

bool isDirective(TSNode stmt) {
  return ts::nodeType(stmt) == "expression_statement" &&
         ts_node_named_child_count(stmt) == 1 &&
         ts::nodeType(ts_node_named_child(stmt, 0)) == "string";
}

} // namespace

const TSLanguage *language(Language dialect) {
  switch (dialect) {
  case Language::JavaScript:
    return tree_sitter_javascript();
  case Language::TypeScript:
    return tree_sitter_typescript();
  case Language::Tsx:
    return tree_sitter_tsx();
  default:
    return nullptr;
  }
}

std::optional<StringLiteral> readString(TSNode node, std::string_view text) {
  std::string_view type = ts::nodeType(node);
  if (type != "string" && type != "template_string")
    return std::nullopt;
  StringLiteral s;
  s.range = ts::nodeRange(node);
  if (s.range.length < 2)
    return std::nullopt;
  s.quote = text[s.range.offset];
  bool other = false;
  uint32_t count = ts_node_named_child_count(node);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_named_child(node, i);
    if (ts::nodeType(child) == "string_fragment")
      s.pieces.push_back(ts::nodeRange(child));
    else
      other = true; // escape_sequence, template_substitution, entity
  }
  s.simple = !other && s.pieces.size() <= 1;
  if (s.simple && !s.pieces.empty())
    s.value = std::string(text.substr(s.pieces[0].offset, s.pieces[0].length));
  return s;
}

TSNode unwrapExpression(TSNode n) {
  while (!ts_node_is_null(n)) {
    std::string_view t = ts::nodeType(n);
    if ((t == "parenthesized_expression" || t == "non_null_expression" ||
         t == "as_expression" || t == "satisfies_expression") &&
        ts_node_named_child_count(n) > 0)
      n = ts_node_named_child(n, 0);
    else
      break;
  }
  return n;
}

std::optional<EnvRead> asEnvRead(TSNode expr, std::string_view text,
                                 const ImportTable &imports) {
  std::string_view type = ts::nodeType(expr);
  if (type != "member_expression" && type != "subscript_expression")
    return std::nullopt;
  if (imports.resolve(ts::childByField(expr, "object"), text) != "process.env")
    return std::nullopt;
  if (type == "member_expression") {
    TSNode prop = ts::childByField(expr, "property");
    if (ts::nodeType(prop) != "property_identifier")
      return std::nullopt;
    return EnvRead{std::string(ts::nodeText(prop, text)), ts::nodeRange(prop)};
  }
  auto s = readString(ts::childByField(expr, "index"), text);
  if (!s || !s->simple || s->pieces.empty())
    return std::nullopt;
  return EnvRead{s->value, s->pieces[0]};
}

std::vector<Property> objectProperties(TSNode object, std::string_view text) {
  std::vector<Property> out;
  uint32_t count = ts_node_named_child_count(object);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode member = ts_node_named_child(object, i);
    std::string_view type = ts::nodeType(member);
    if (type == "comment")
      continue;
    Property p{member, {}, TSNode{}};
    TSNode key{};
    if (type == "pair") {
      key = ts::childByField(member, "key");
      p.value = ts::childByField(member, "value");
    } else if (type == "method_definition") {
      key = ts::childByField(member, "name");
    } else if (type == "shorthand_property_identifier") {
      p.shorthand = true;
      p.name = std::string(ts::nodeText(member, text));
    } else if (type == "spread_element") {
      p.spread = true;
    } else {
      p.computed = true; // anything this engine does not know
    }
    std::string_view kt = ts::nodeType(key);
    if (kt == "property_identifier" || kt == "number") {
      p.name = std::string(ts::nodeText(key, text));
    } else if (kt == "string") {
      auto s = readString(key, text);
      if (s && s->simple)
        p.name = s->value;
      else
        p.computed = true;
    } else if (!ts_node_is_null(key)) {
      p.computed = true;
    }
    out.push_back(p);
  }
  return out;
}

bool isIdentifierName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
    return false;
  for (char c : name)
    if (!(c == '_' || c == '$' || (c >= 'a' && c <= 'z') ||
          (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      return false;
  return true;
}

std::string Spelling::npmSymbol(std::string_view dotted) {
  std::size_t dot = dotted.rfind('.');
  std::string_view module = dotted.substr(0, dot);
  for (const auto &[rule_name, package] : kNpmPackages)
    if (module == rule_name)
      return std::string(package) + std::string(dotted.substr(dot));
  return std::string(dotted);
}

Spelling::Spelling(const ProxyTarget &proxy, const ImportTable &imports,
                   TSNode program, std::string_view text, std::string_view path,
                   std::string_view newline)
    : proxy_(proxy), imports_(imports), text_(text), newline_(newline) {
  std::optional<TSNode> last_import, last_require, first_statement;
  std::size_t after_prologue = 0;
  bool prologue = true;
  uint32_t count = ts_node_named_child_count(program);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode stmt = ts_node_named_child(program, i);
    std::string_view type = ts::nodeType(stmt);
    if (type == "comment")
      continue;
    // A shebang and "use strict" / "use client" must stay first.
    if (prologue && (type == "hash_bang_line" || isDirective(stmt))) {
      after_prologue = endOfLine(text, ts_node_end_byte(stmt));
      continue;
    }
    prologue = false;
    if (!first_statement)
      first_statement = stmt;
    if (type == "import_statement")
      last_import = stmt;
    else if (isRequireDeclaration(stmt, text, imports))
      last_require = stmt;
  }
  // The file's own habits: its quote in module specifiers, semicolons.
  std::optional<TSNode> sample = last_import ? last_import : last_require;
  if (!sample)
    sample = first_statement;
  if (sample) {
    std::string_view s = ts::nodeText(*sample, text);
    semicolons_ = !s.empty() && s.back() == ';';
    std::size_t q = s.find_first_of("'\"");
    if ((last_import || last_require) && q != std::string_view::npos)
      quote_ = s[q];
  }
  bool esm_by_name = endsWith(path, ".mjs") || endsWith(path, ".mts");
  common_js_ =
      !esm_by_name &&
      (endsWith(path, ".cjs") || endsWith(path, ".cts") ||
       (!last_import && text.find("export ") == std::string_view::npos &&
        (last_require || text.find("require(") != std::string_view::npos ||
         text.find("exports.") != std::string_view::npos)));
  std::optional<TSNode> anchor = common_js_ ? last_require : last_import;
  import_offset_ =
      anchor ? endOfLine(text, ts_node_end_byte(*anchor)) : after_prologue;
  if (import_offset_ == text.size() && !text.empty() && text.back() != '\n')
    import_prefix_ = newline_;
}

std::string Spelling::literal(std::string_view value) const {
  return quote_ + std::string(value) + quote_;
}

namespace {
std::string envExpr(std::string_view name, char quote) {
  if (isIdentifierName(name))
    return "process.env." + std::string(name);
  return "process.env[" + (quote + std::string(name) + quote) + "]";
}
} // namespace

std::string Spelling::baseUrlExpr() const {
  if (proxy_.base_url_env.empty())
    return literal(proxy_.base_url);
  return envExpr(proxy_.base_url_env, quote_) + " ?? " +
         literal(proxy_.base_url);
}

std::string Spelling::keyExpr() const {
  return envExpr(proxy_.key_env, quote_);
}

std::string Spelling::wrapName(std::string_view dotted) const {
  std::string symbol = npmSymbol(dotted);
  if (auto alias = imports_.moduleAlias(symbol))
    return *alias;
  std::string name = symbol.substr(symbol.rfind('.') + 1);
  // A file with its own `wrap` gets the shim's under another name.
  return imports_.binds(name) ? "keyshift_" + name : name;
}

std::optional<Edit> Spelling::importWrapEdit(std::string_view dotted,
                                             const std::string &rule_id) const {
  std::string symbol = npmSymbol(dotted);
  if (imports_.moduleAlias(symbol))
    return std::nullopt;
  std::size_t dot = symbol.rfind('.');
  std::string module = symbol.substr(0, dot);
  std::string name = symbol.substr(dot + 1);
  std::string local = wrapName(dotted);
  std::string line;
  if (common_js_)
    line = "const { " + name + (local != name ? ": " + local : "") +
           " } = require(" + literal(module) + ")";
  else
    line = "import { " + name + (local != name ? " as " + local : "") +
           " } from " + literal(module);
  if (semicolons_)
    line += ";";
  Edit e{ByteRange{import_offset_, 0}, import_prefix_ + line + newline_,
         rule_id};
  e.commutes = true;
  return e;
}

std::string_view newlineAt(std::string_view text, std::size_t offset) {
  std::size_t nl = text.find('\n', offset);
  if (nl == std::string_view::npos)
    return text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  return nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

std::string_view indentationAt(std::string_view text, std::size_t offset) {
  std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = (start == std::string_view::npos || offset == 0) ? 0 : start + 1;
  std::size_t end = start;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t'))
    ++end;
  return text.substr(start, end - start);
}

} // namespace keyshift::js
