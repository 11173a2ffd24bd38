#include "match/js/js_dialect.h"

#include "match/treesitter/file_context.h"
#include "match/treesitter/scopes.h"

extern "C" const TSLanguage *tree_sitter_javascript(void);
extern "C" const TSLanguage *tree_sitter_typescript(void);
extern "C" const TSLanguage *tree_sitter_tsx(void);

namespace keyshift::js {
namespace {

using ts::nodeText;
using ts::nodeType;

const TSLanguage *grammarFor(Language language) {
  switch (language) {
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

bool isWrapper(std::string_view t) {
  return t == "parenthesized_expression" || t == "non_null_expression" ||
         t == "as_expression" || t == "satisfies_expression";
}

/// Whether `expr` is written: the target of an assignment (`=`, `??=`,
/// `||=`, ...) or the operand of `delete`.
bool isWriteTarget(TSNode expr, const ts::FileContext &file) {
  TSNode parent = file.parent(expr);
  std::string_view t = nodeType(parent);
  if (t == "assignment_expression" || t == "augmented_assignment_expression")
    return ts_node_eq(ts::childByField(parent, "left"), expr);
  return t == "unary_expression" &&
         nodeText(ts::childByField(parent, "operator"), file.text) == "delete";
}

/// SvelteKit's private environment modules: `import { K } from
/// "$env/static/private"` and `import { env } from "$env/dynamic/private"`.
constexpr std::string_view kSvelteStatic = "$env/static/private";

/// The objects whose properties are the environment: Node's, Vite's and
/// SvelteKit's (a namespace import of the static module included).
bool isEnvObject(const std::optional<std::string> &symbol) {
  return symbol == "process.env" || symbol == "import.meta.env" ||
         symbol == "$env/dynamic/private.env" || symbol == kSvelteStatic;
}

std::string collide(const ts::OptionNames &names) {
  return ": adding " + names.base_url.front() + " or " + names.api_key.front() +
         " could collide at run time; migrate it by hand";
}

} // namespace

JsDialect::JsDialect(Language language)
    : language_(language), grammar_(grammarFor(language)) {}

Language JsDialect::language() const { return language_; }
const TSLanguage *JsDialect::grammar() const { return grammar_; }
std::string_view JsDialect::assignmentType() const {
  return "assignment_expression";
}
std::string_view JsDialect::formattedName() const { return "template"; }
std::string_view JsDialect::indentUnit() const { return "  "; }

const JsDialect *dialect(Language language) {
  static const JsDialect javascript(Language::JavaScript);
  static const JsDialect typescript(Language::TypeScript);
  static const JsDialect tsx(Language::Tsx);
  switch (language) {
  case Language::JavaScript:
    return &javascript;
  case Language::TypeScript:
    return &typescript;
  case Language::Tsx:
    return &tsx;
  default:
    return nullptr;
  }
}

TSNode JsDialect::unwrap(TSNode n) const {
  while (isWrapper(nodeType(n)) && ts_node_named_child_count(n) > 0)
    n = ts::firstNamedChild(n);
  return n;
}

std::optional<ts::StringLiteral>
JsDialect::readString(TSNode node, std::string_view text) const {
  std::string_view type = nodeType(node);
  if (type != "string" && type != "template_string")
    return std::nullopt;
  ts::StringLiteral s;
  s.range = ts::nodeRange(node);
  if (s.range.length < 2)
    return std::nullopt;
  s.quote = text.substr(s.range.offset, 1);
  bool other = false;
  for (TSNode child : ts::namedChildren(node)) {
    if (nodeType(child) == "string_fragment")
      s.pieces.push_back(ts::nodeRange(child));
    else
      other = true; // escape_sequence, template_substitution, entity
  }
  s.simple = !other && s.pieces.size() <= 1;
  s.readValue(text);
  return s;
}

std::optional<ts::EnvRead>
JsDialect::envRead(TSNode expr, const ts::FileContext &file) const {
  std::string_view type = nodeType(expr);
  if (type == "member_expression") {
    TSNode prop = ts::childByField(expr, "property");
    if (!isEnvObject(file.scopes.resolve(ts::childByField(expr, "object"))) ||
        nodeType(prop) != "property_identifier")
      return std::nullopt;
    ts::EnvRead env{std::string(file.textOf(prop)), ts::nodeRange(prop),
                    ts::EnvRead::Form::Property};
    env.writes = isWriteTarget(expr, file);
    return env;
  }
  if (type == "subscript_expression" || type == "call_expression")
    return namedRead(envAccess(expr, file), file);
  if (type == "import_specifier" || type == "identifier")
    return staticImport(expr, file);
  return destructuredRead(expr, file);
}

ts::EnvAccess JsDialect::envAccess(TSNode expr,
                                   const ts::FileContext &file) const {
  std::string_view type = nodeType(expr);
  if (type == "subscript_expression") {
    if (!isEnvObject(file.scopes.resolve(ts::childByField(expr, "object"))))
      return {};
    return {ts::childByField(expr, "index"), isWriteTarget(expr, file)};
  }
  if (type == "call_expression") {
    // Deno.env.get(name)
    TSNode args = ts::childByField(expr, "arguments");
    if (file.scopes.resolve(ts::childByField(expr, "function")) !=
            "Deno.env.get" ||
        nodeType(args) != "arguments" || ts_node_named_child_count(args) != 1)
      return {};
    return {ts::firstNamedChild(args), false};
  }
  return {};
}

std::optional<ts::EnvRead>
JsDialect::staticImport(TSNode node, const ts::FileContext &file) const {
  // A use of the name is a read where it is imported: `apiKey: K` after
  // `import { K } from "$env/static/private"` reads K at the import.
  if (nodeType(node) == "identifier") {
    auto symbol = file.scopes.resolve(node);
    if (!symbol || !symbol->starts_with(std::string(kSvelteStatic) + "."))
      return std::nullopt;
    node = importSpecifier(file.textOf(node), file);
    if (ts_node_is_null(node))
      return std::nullopt;
  }
  TSNode statement = file.parent(file.parent(file.parent(node)));
  if (nodeType(statement) != "import_statement" ||
      special(ts::childByField(statement, "source"), file.scopes, file.text) !=
          kSvelteStatic)
    return std::nullopt;
  TSNode name = ts::childByField(node, "name");
  if (nodeType(name) != "identifier")
    return std::nullopt;
  bool aliased = !ts_node_is_null(ts::childByField(node, "alias"));
  return ts::EnvRead{std::string(file.textOf(name)), ts::nodeRange(name),
                     aliased ? ts::EnvRead::Form::Property
                             : ts::EnvRead::Form::ImportShorthand};
}

TSNode JsDialect::importSpecifier(std::string_view local,
                                  const ts::FileContext &file) const {
  for (TSNode statement : ts::namedChildren(file.root)) {
    if (nodeType(statement) != "import_statement")
      continue;
    for (TSNode clause : ts::namedChildren(statement))
      for (TSNode part : ts::namedChildren(clause))
        if (nodeType(part) == "named_imports")
          for (TSNode spec : ts::namedChildren(part)) {
            TSNode alias = ts::childByField(spec, "alias");
            TSNode name =
                ts_node_is_null(alias) ? ts::childByField(spec, "name") : alias;
            if (nodeType(spec) == "import_specifier" &&
                file.textOf(name) == local)
              return spec;
          }
  }
  return TSNode{};
}

std::optional<ts::EnvRead> JsDialect::quotedName(TSNode node,
                                                 std::string_view text) const {
  auto s = readString(node, text);
  if (!s || !s->simple || s->pieces.empty())
    return std::nullopt;
  return ts::EnvRead{s->value, s->pieces[0], ts::EnvRead::Form::Quoted};
}

std::optional<ts::EnvRead>
JsDialect::destructuredRead(TSNode entry, const ts::FileContext &file) const {
  // `const { K } = process.env`, `{ K = "" }`, `{ K: key }`, `{ "K": key }`:
  // one entry of an object pattern that destructures the environment.
  std::string_view type = nodeType(entry);
  TSNode pattern = file.parent(entry);
  TSNode holder = file.parent(pattern);
  if (nodeType(pattern) != "object_pattern")
    return std::nullopt;
  TSNode source{};
  if (nodeType(holder) == "variable_declarator" &&
      ts_node_eq(ts::childByField(holder, "name"), pattern))
    source = ts::childByField(holder, "value");
  else if (nodeType(holder) == "assignment_expression" &&
           ts_node_eq(ts::childByField(holder, "left"), pattern))
    source = ts::childByField(holder, "right");
  if (ts_node_is_null(source) || !isEnvObject(file.scopes.resolve(source)))
    return std::nullopt;
  if (type == "object_assignment_pattern") {
    entry = ts::childByField(entry, "left");
    type = nodeType(entry);
  }
  if (type == "shorthand_property_identifier_pattern")
    return ts::EnvRead{std::string(file.textOf(entry)), ts::nodeRange(entry),
                       ts::EnvRead::Form::Shorthand};
  if (type != "pair_pattern")
    return std::nullopt;
  TSNode key = ts::childByField(entry, "key");
  if (nodeType(key) == "property_identifier")
    return ts::EnvRead{std::string(file.textOf(key)), ts::nodeRange(key),
                       ts::EnvRead::Form::Property};
  return quotedName(key, file.text);
}

ts::Fallback JsDialect::splitFallback(TSNode expr,
                                      std::string_view text) const {
  if (nodeType(expr) == "binary_expression") {
    std::string_view op = nodeText(ts::childByField(expr, "operator"), text);
    if (op == "??" || op == "||")
      return {ts::childByField(expr, "left"), ts::childByField(expr, "right")};
  }
  return {expr, TSNode{}};
}

bool JsDialect::isNullLiteral(TSNode expr) const {
  std::string_view t = nodeType(expr);
  return t == "undefined" || t == "null";
}

ts::OptionsOrReview JsDialect::options(TSNode call,
                                       const ts::OptionNames &names,
                                       const ts::FileContext &file) const {
  std::string_view type = nodeType(call);
  if (type != "new_expression" && type != "call_expression")
    return {};
  TSNode list = ts::childByField(call, "arguments");
  ts::OptionList opts;
  opts.style = ts::EntryStyle::Property;
  if (ts_node_is_null(list))
    return {std::move(opts), {}}; // `new OpenAI`
  if (nodeType(list) != "arguments")
    return {}; // a tagged template
  std::vector<TSNode> args;
  for (TSNode a : ts::namedChildren(list))
    if (nodeType(a) != "comment")
      args.push_back(a);
  if (args.size() > 1)
    return {std::nullopt,
            "client built with more than one argument: cannot tell where " +
                names.base_url.front() + " and " + names.api_key.front() +
                " belong; migrate it by hand"};
  if (args.empty()) {
    opts.list = list;
    opts.new_object = true;
    return {std::move(opts), {}};
  }
  TSNode object = unwrap(args[0]);
  if (nodeType(object) == "identifier") {
    // `const opts = {...}; new OpenAI(opts)`: edited in the literal.
    object = localObject(object, file);
    opts.through_local = true;
  }
  if (nodeType(object) != "object")
    return {std::nullopt, "client options built elsewhere" + collide(names)};
  return objectOptions(object, std::move(opts), names, file);
}

ts::OptionsOrReview
JsDialect::nestedOptions(TSNode value, const ts::OptionNames &names,
                         const ts::FileContext &file) const {
  TSNode object = unwrap(value);
  if (nodeType(object) != "object")
    return {std::nullopt,
            "client configuration built elsewhere" + collide(names)};
  ts::OptionList opts;
  opts.style = ts::EntryStyle::Property;
  return objectOptions(object, std::move(opts), names, file);
}

ts::OptionsOrReview
JsDialect::objectOptions(TSNode object, ts::OptionList opts,
                         const ts::OptionNames &names,
                         const ts::FileContext &file) const {
  opts.list = object;
  for (TSNode member : ts::namedChildren(object)) {
    std::string_view mt = nodeType(member);
    if (mt == "comment") {
      opts.comments.push_back(ts::nodeRange(member));
      continue;
    }
    ts::OptionEntry e{member, {}, TSNode{}};
    bool computed = false;
    if (mt == "pair") {
      auto name = entryName(member, file.text);
      computed = !name;
      e.name = name.value_or("");
      e.value = ts::childByField(member, "value");
    } else if (mt == "method_definition") {
      TSNode key = ts::childByField(member, "name");
      computed = nodeType(key) != "property_identifier";
      e.name = std::string(file.textOf(key));
    } else if (mt == "shorthand_property_identifier") {
      e.name = std::string(file.textOf(member));
    } else if (mt == "spread_element") {
      return {std::nullopt,
              "client options spread from another object" + collide(names)};
    } else {
      computed = true; // anything this engine does not know
    }
    if (computed)
      return {std::nullopt,
              "client options with a computed key" + collide(names)};
    opts.entries.push_back(std::move(e));
  }
  return {std::move(opts), {}};
}

TSNode JsDialect::localObject(TSNode argument,
                              const ts::FileContext &file) const {
  const ts::Binding *b = file.scopes.soleUse(argument);
  if (!b)
    return TSNode{};
  // Declared before it is used: the literal is the value it has there.
  TSNode value = unwrap(b->value);
  TSNode declarator = file.parent(b->value);
  if (nodeType(value) != "object" ||
      nodeType(declarator) != "variable_declarator" ||
      ts_node_start_byte(value) > ts_node_start_byte(argument))
    return TSNode{};
  return value;
}

TSNode JsDialect::callee(TSNode call) const {
  std::string_view t = nodeType(call);
  if (t == "new_expression")
    return ts::childByField(call, "constructor");
  if (t == "call_expression")
    return ts::childByField(call, "function");
  return TSNode{};
}

bool JsDialect::isArgumentList(TSNode node) const {
  return nodeType(node) == "arguments";
}

std::optional<std::string> JsDialect::entryName(TSNode node,
                                                std::string_view text) const {
  if (nodeType(node) != "pair")
    return std::nullopt;
  TSNode key = ts::childByField(node, "key");
  std::string_view kt = nodeType(key);
  if (kt == "property_identifier" || kt == "number")
    return std::string(nodeText(key, text));
  if (kt == "string") {
    auto s = readString(key, text);
    if (s && s->simple)
      return s->value;
  }
  return std::nullopt;
}

bool JsDialect::isTransparent(TSNode node) const {
  std::string_view t = nodeType(node);
  return isWrapper(t) || t == "binary_expression";
}

bool JsDialect::isBlock(TSNode node) const {
  std::string_view t = nodeType(node);
  return t == "program" || t == "statement_block";
}

bool JsDialect::quotesAllowedAt(TSNode, const ts::FileContext &) const {
  return true;
}

std::optional<std::string>
JsDialect::fixedLiteral(TSNode literal, const ts::StringLiteral &,
                        const ts::FileContext &file) const {
  // Where an expression may not simply stand in for the literal: a piece
  // of a concatenation, an object key, a module specifier, a type.
  TSNode parent = file.parent(literal);
  std::string_view pt = nodeType(parent);
  bool fixed = false;
  if (pt == "binary_expression")
    fixed = file.textOf(ts::childByField(parent, "operator")) == "+";
  else if (pt == "pair")
    fixed = ts_node_eq(ts::childByField(parent, "key"), literal);
  else
    fixed = pt == "import_statement" || pt == "export_statement" ||
            pt == "literal_type" || pt == "property_signature" ||
            pt == "enum_assignment" || pt == "enum_body";
  if (fixed)
    return "part of a larger expression";
  return std::nullopt;
}

std::string JsDialect::expressionAt(TSNode literal, std::string expr,
                                    const ts::FileContext &file) const {
  if (nodeType(file.parent(literal)) == "jsx_attribute")
    return "{" + expr + "}";
  return expr;
}

} // namespace keyshift::js
