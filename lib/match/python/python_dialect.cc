#include "match/python/python_dialect.h"

#include "match/treesitter/file_context.h"
#include "match/treesitter/scopes.h"

extern "C" const TSLanguage *tree_sitter_python(void);

namespace keyshift::python {
namespace {

using ts::nodeText;
using ts::nodeType;

bool isComment(TSNode n) { return nodeType(n) == "comment"; }

std::string reviewSplat(const ts::OptionNames &names) {
  return "client built from *args/**kwargs: adding " + names.base_url.front() +
         " or " + names.api_key.front() +
         " could collide at run time; migrate it by hand";
}

/// Whether `expr` is written by the statement around it: an assignment's
/// target (alone or in a tuple of targets) or an operand of `del`.
bool isWriteTarget(TSNode expr, const ts::FileContext &file) {
  TSNode parent = file.parent(expr);
  std::string_view t = nodeType(parent);
  if (t == "pattern_list" || t == "tuple_pattern" || t == "list_pattern" ||
      t == "expression_list") {
    expr = parent;
    parent = file.parent(parent);
    t = nodeType(parent);
  }
  if (t == "delete_statement")
    return true;
  return (t == "assignment" || t == "augmented_assignment") &&
         ts_node_eq(ts::childByField(parent, "left"), expr);
}

} // namespace

const PythonDialect &dialect() {
  static const PythonDialect d;
  return d;
}

Language PythonDialect::language() const { return Language::Python; }
const TSLanguage *PythonDialect::grammar() const {
  return tree_sitter_python();
}
std::string_view PythonDialect::assignmentType() const { return "assignment"; }
std::string_view PythonDialect::formattedName() const { return "f-string"; }
std::string_view PythonDialect::indentUnit() const { return "    "; }

TSNode PythonDialect::unwrap(TSNode expr) const {
  while (nodeType(expr) == "parenthesized_expression" &&
         ts_node_named_child_count(expr) == 1)
    expr = ts::firstNamedChild(expr);
  return expr;
}

std::optional<ts::StringLiteral>
PythonDialect::readString(TSNode node, std::string_view text) const {
  if (nodeType(node) != "string")
    return std::nullopt;
  ts::StringLiteral s;
  s.range = ts::nodeRange(node);
  bool interpolated = false;
  bool escaped = false;
  for (TSNode child : ts::children(node)) {
    std::string_view type = nodeType(child);
    if (type == "string_start") {
      std::string_view start = nodeText(child, text);
      std::size_t q = start.find_first_of("'\"");
      if (q == std::string_view::npos)
        return std::nullopt;
      s.prefix = start.substr(0, q);
      s.quote = start.substr(q);
    } else if (type == "string_content") {
      s.pieces.push_back(ts::nodeRange(child));
      if (ts_node_named_child_count(child) > 0)
        escaped = true; // escape_sequence children
    } else if (type == "interpolation") {
      interpolated = true;
    }
  }
  s.simple = !interpolated && !escaped && s.pieces.size() <= 1;
  s.bytes = s.prefix.find_first_of("bB") != std::string_view::npos;
  s.formatted = s.prefix.find_first_of("fF") != std::string_view::npos;
  s.readValue(text);
  return s;
}

ts::EnvAccess PythonDialect::envAccess(TSNode expr,
                                       const ts::FileContext &file) const {
  std::string_view type = nodeType(expr);
  if (type == "subscript") {
    auto target = file.scopes.resolve(ts::childByField(expr, "value"));
    if (target != "os.environ")
      return {};
    return {ts::childByField(expr, "subscript"), isWriteTarget(expr, file)};
  }
  if (type == "call") {
    auto target = file.scopes.resolve(ts::childByField(expr, "function"));
    // setdefault sets the variable when it is unset; putenv and unsetenv
    // change what child processes (and the SDK's own read) see.
    bool writes = target == "os.environ.setdefault" || target == "os.putenv" ||
                  target == "os.unsetenv";
    if (target != "os.getenv" && target != "os.environ.get" && !writes)
      return {};
    TSNode args = ts::childByField(expr, "arguments");
    if (nodeType(args) != "argument_list")
      return {};
    return {ts::firstNamedChild(args), writes};
  }
  if (type == "comparison_operator") {
    // `"K" in os.environ`: renamed with the reads it guards, or the guard
    // and the read disagree at run time.
    std::vector<TSNode> operands = ts::namedChildren(expr);
    if (operands.size() != 2 ||
        file.scopes.resolve(operands[1]) != "os.environ")
      return {};
    std::string_view op = file.text.substr(ts_node_end_byte(operands[0]),
                                           ts_node_start_byte(operands[1]) -
                                               ts_node_end_byte(operands[0]));
    if (op.find("in") == std::string_view::npos)
      return {};
    return {operands[0], false};
  }
  return {};
}

std::optional<ts::EnvRead>
PythonDialect::envRead(TSNode expr, const ts::FileContext &file) const {
  std::string_view type = nodeType(expr);
  if (type == "keyword_argument" || type == "pair") {
    // os.environ.update(K=v), os.environ.update({"K": v})
    TSNode holder = file.parent(expr);
    if (type == "pair" && nodeType(holder) == "dictionary")
      holder = file.parent(holder);
    if (nodeType(holder) != "argument_list" ||
        file.scopes.resolve(ts::childByField(
            file.parent(holder), "function")) != "os.environ.update")
      return std::nullopt;
    if (type == "keyword_argument") {
      TSNode name = ts::childByField(expr, "name");
      ts::EnvRead env{std::string(file.textOf(name)), ts::nodeRange(name),
                      ts::EnvRead::Form::Property};
      env.writes = true;
      return env;
    }
    return namedRead({ts::childByField(expr, "key"), true}, file);
  }
  return namedRead(envAccess(expr, file), file);
}

ts::Fallback PythonDialect::splitFallback(TSNode expr,
                                          std::string_view text) const {
  if (nodeType(expr) == "boolean_operator" &&
      nodeText(ts::childByField(expr, "operator"), text) == "or")
    return {ts::childByField(expr, "left"), ts::childByField(expr, "right")};
  return {expr, TSNode{}};
}

bool PythonDialect::isNullLiteral(TSNode expr) const {
  return nodeType(expr) == "none";
}

ts::OptionsOrReview
PythonDialect::nestedOptions(TSNode value, const ts::OptionNames &names,
                             const ts::FileContext &file) const {
  // No Python client rule nests its base URL; a dict literal given as an
  // option (`default_headers={...}`) takes the proxy's headers.
  TSNode dict = unwrap(value);
  if (nodeType(dict) != "dictionary")
    return {std::nullopt, "client configuration nested in another option: "
                          "migrate it by hand"};
  return entriesOf(dict, names, file);
}

ts::OptionsOrReview PythonDialect::options(TSNode call,
                                           const ts::OptionNames &names,
                                           const ts::FileContext &file) const {
  TSNode list = ts::childByField(call, "arguments");
  if (nodeType(list) != "argument_list")
    return {};
  // `OpenAI(**cfg)`, `OpenAI(**{...})`, `OpenAI(**dict(...))` alone: the
  // options are the dict's entries, edited in the literal.
  std::vector<TSNode> args;
  for (TSNode arg : ts::namedChildren(list))
    if (!isComment(arg))
      args.push_back(arg);
  if (args.size() == 1 && nodeType(args[0]) == "dictionary_splat")
    if (bool local = false;
        auto literal = splatLiteral(args[0], file, &local)) {
      auto read = entriesOf(*literal, names, file);
      if (read.options)
        read.options->through_local = local;
      return read;
    }
  return entriesOf(list, names, file);
}

std::optional<TSNode> PythonDialect::splatLiteral(TSNode splat,
                                                  const ts::FileContext &file,
                                                  bool *through_local) const {
  TSNode value = unwrap(ts::firstNamedChild(splat));
  if (nodeType(value) == "identifier") {
    // Bound once in its scope, before this use, and used nowhere else.
    const ts::Binding *b = file.scopes.soleUse(value);
    if (!b || ts_node_start_byte(b->value) > ts_node_start_byte(splat))
      return std::nullopt;
    value = unwrap(b->value);
    *through_local = true;
  }
  if (nodeType(value) == "dictionary")
    return value;
  // dict(...), the builtin: not when the file binds or may import `dict`.
  if (nodeType(value) == "call" &&
      file.textOf(ts::childByField(value, "function")) == "dict" &&
      !file.scopes.binds("dict") && file.scopes.wildcardModules().empty()) {
    TSNode args = ts::childByField(value, "arguments");
    if (nodeType(args) == "argument_list")
      return args;
  }
  return std::nullopt;
}

ts::OptionsOrReview
PythonDialect::entriesOf(TSNode list, const ts::OptionNames &names,
                         const ts::FileContext &file) const {
  ts::OptionList opts;
  opts.list = list;
  bool dict = nodeType(list) == "dictionary";
  opts.style = dict ? ts::EntryStyle::QuotedKey : ts::EntryStyle::Keyword;
  bool unnamed = false;
  for (TSNode arg : ts::namedChildren(list)) {
    std::string_view type = nodeType(arg);
    if (isComment(arg)) {
      opts.comments.push_back(ts::nodeRange(arg));
      continue;
    }
    if (type == "list_splat" || type == "dictionary_splat")
      return {std::nullopt, reviewSplat(names)};
    auto name = entryName(arg, file.text);
    if (!name) {
      unnamed = true;
      continue;
    }
    opts.entries.push_back(
        ts::OptionEntry{arg, std::move(*name), ts::childByField(arg, "value")});
  }
  // The SDK constructors take keywords only; a positional argument means a
  // wrapper or an older signature, and guessing where ours go is unsafe.
  if (unnamed)
    return {std::nullopt,
            std::string(dict ? "client options with a computed key"
                             : "client built with positional arguments") +
                ": cannot tell where " + names.base_url.front() + " and " +
                names.api_key.front() + " belong; migrate it by hand"};
  return {std::move(opts), {}};
}

TSNode PythonDialect::callee(TSNode call) const {
  return nodeType(call) == "call" ? ts::childByField(call, "function")
                                  : TSNode{};
}

bool PythonDialect::isArgumentList(TSNode node) const {
  return nodeType(node) == "argument_list";
}

std::optional<std::string>
PythonDialect::entryName(TSNode node, std::string_view text) const {
  if (nodeType(node) == "keyword_argument")
    return std::string(nodeText(ts::childByField(node, "name"), text));
  if (nodeType(node) == "pair") {
    auto key = readString(ts::childByField(node, "key"), text);
    if (key && key->simple)
      return key->value;
  }
  return std::nullopt;
}

bool PythonDialect::isTransparent(TSNode node) const {
  std::string_view t = nodeType(node);
  return t == "parenthesized_expression" || t == "boolean_operator";
}

bool PythonDialect::isBlock(TSNode node) const {
  std::string_view t = nodeType(node);
  return t == "module" || t == "block";
}

bool PythonDialect::quotesAllowedAt(TSNode node,
                                    const ts::FileContext &file) const {
  // Inside an f-string's `{...}`, before Python 3.12, code must not reuse
  // the string's quote; an f-string lives within one statement.
  for (TSNode n = file.parent(node); !ts_node_is_null(n) && !isBlock(n);
       n = file.parent(n))
    if (nodeType(n) == "interpolation")
      return false;
  return true;
}

std::optional<std::string>
PythonDialect::fixedLiteral(TSNode node, const ts::StringLiteral &literal,
                            const ts::FileContext &file) const {
  if (nodeType(file.parent(node)) == "concatenated_string" || literal.bytes ||
      literal.formatted)
    return "part of a larger literal";
  return std::nullopt;
}

std::string PythonDialect::expressionAt(TSNode, std::string expr,
                                        const ts::FileContext &) const {
  return expr;
}

} // namespace keyshift::python
