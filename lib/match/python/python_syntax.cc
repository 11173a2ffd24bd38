#include "match/python/python_syntax.h"

#include "match/treesitter/tree.h"

extern "C" const TSLanguage *tree_sitter_python(void);

namespace keyshift::python {

const TSLanguage *language() { return tree_sitter_python(); }

std::optional<StringLiteral> readString(TSNode node, std::string_view text) {
  if (ts::nodeType(node) != "string")
    return std::nullopt;
  StringLiteral s;
  s.range = ts::nodeRange(node);
  bool interpolated = false;
  bool escaped = false;
  uint32_t count = ts_node_child_count(node);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_child(node, i);
    std::string_view type = ts::nodeType(child);
    if (type == "string_start") {
      std::string_view start = ts::nodeText(child, text);
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
  if (s.simple && !s.pieces.empty())
    s.value = std::string(text.substr(s.pieces[0].offset, s.pieces[0].length));
  return s;
}

std::optional<EnvRead> asEnvRead(TSNode expr, std::string_view text,
                                 const ImportTable &imports) {
  std::string_view type = ts::nodeType(expr);
  TSNode name_node{};
  if (type == "subscript") {
    auto target = imports.resolve(ts::childByField(expr, "value"), text);
    if (target != "os.environ")
      return std::nullopt;
    name_node = ts::childByField(expr, "subscript");
  } else if (type == "call") {
    auto target = imports.resolve(ts::childByField(expr, "function"), text);
    if (target != "os.getenv" && target != "os.environ.get" &&
        target != "os.environ.setdefault")
      return std::nullopt;
    TSNode args = ts::childByField(expr, "arguments");
    if (ts::nodeType(args) != "argument_list" ||
        ts_node_named_child_count(args) == 0)
      return std::nullopt;
    name_node = ts_node_named_child(args, 0);
  } else {
    return std::nullopt;
  }
  auto s = readString(name_node, text);
  if (!s || !s->simple || s->pieces.empty() || s->isBytes())
    return std::nullopt;
  return EnvRead{s->value, s->pieces[0]};
}

std::vector<Argument> callArguments(TSNode list, std::string_view text) {
  std::vector<Argument> out;
  uint32_t count = ts_node_named_child_count(list);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode arg = ts_node_named_child(list, i);
    std::string_view type = ts::nodeType(arg);
    if (type == "comment")
      continue;
    Argument a{arg, {}, arg};
    if (type == "keyword_argument") {
      a.name = ts::nodeText(ts::childByField(arg, "name"), text);
      a.value = ts::childByField(arg, "value");
    }
    a.list_splat = type == "list_splat";
    a.dict_splat = type == "dictionary_splat";
    out.push_back(a);
  }
  return out;
}

namespace {

bool isDocstring(TSNode stmt) {
  return ts::nodeType(stmt) == "expression_statement" &&
         ts_node_named_child_count(stmt) == 1 &&
         ts::nodeType(ts_node_named_child(stmt, 0)) == "string";
}

bool isImport(TSNode stmt) {
  std::string_view t = ts::nodeType(stmt);
  return t == "import_statement" || t == "import_from_statement" ||
         t == "future_import_statement";
}

/// The offset just past the line holding `offset` (its newline included).
std::size_t endOfLine(std::string_view text, std::size_t offset) {
  std::size_t nl = text.find('\n', offset);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

} // namespace

std::pair<std::size_t, bool> importInsertionPoint(TSNode module,
                                                  std::string_view text) {
  // Leading shebang / coding comments must stay on the first lines.
  std::size_t after_header = 0;
  while (after_header < text.size() && text[after_header] == '#') {
    std::string_view line =
        text.substr(after_header, endOfLine(text, after_header) - after_header);
    bool header = after_header == 0 ? line.rfind("#!", 0) == 0 : false;
    header = header || line.find("coding") != std::string_view::npos;
    if (!header)
      break;
    after_header = endOfLine(text, after_header);
  }
  std::size_t point = after_header;
  uint32_t count = ts_node_named_child_count(module);
  bool seen_docstring = false;
  for (uint32_t i = 0; i < count; ++i) {
    TSNode stmt = ts_node_named_child(module, i);
    if (ts::nodeType(stmt) == "comment")
      continue;
    if (!seen_docstring && point == after_header && isDocstring(stmt)) {
      seen_docstring = true;
      point = endOfLine(text, ts_node_end_byte(stmt));
      continue;
    }
    if (!isImport(stmt))
      break;
    point = endOfLine(text, ts_node_end_byte(stmt));
  }
  bool needs_newline = point == text.size() && !text.empty() &&
                       text.back() != '\n' && point != 0;
  return {point, needs_newline};
}

TSNode enclosingStatement(TSNode node) {
  TSNode n = node;
  while (!ts_node_is_null(n)) {
    TSNode parent = ts_node_parent(n);
    if (ts_node_is_null(parent))
      return n;
    std::string_view pt = ts::nodeType(parent);
    if (pt == "module" || pt == "block")
      return n;
    n = parent;
  }
  return node;
}

std::string_view indentationAt(std::string_view text, std::size_t offset) {
  std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = (start == std::string_view::npos || offset == 0) ? 0 : start + 1;
  std::size_t end = start;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t'))
    ++end;
  return text.substr(start, end - start);
}

Spelling::Spelling(const ProxyTarget &proxy, const ImportTable &imports,
                   TSNode module, std::string_view text,
                   std::string_view newline)
    : proxy_(proxy), imports_(imports), text_(text),
      os_alias_(imports.moduleAlias("os")), newline_(newline) {
  auto [offset, needs_newline] = importInsertionPoint(module, text);
  import_offset_ = offset;
  if (needs_newline)
    import_prefix_ = newline_;
}

std::string Spelling::osName() const { return os_alias_.value_or("os"); }

std::string Spelling::literal(std::string_view value, std::string_view quote) {
  std::string q = quote.empty() ? "\"" : std::string(quote);
  return q + std::string(value) + q;
}

std::string Spelling::baseUrlExpr() const {
  if (proxy_.base_url_env.empty())
    return literal(proxy_.base_url, "\"");
  return osName() + ".environ.get(" + literal(proxy_.base_url_env, "\"") +
         ", " + literal(proxy_.base_url, "\"") + ")";
}

std::string Spelling::keyExpr() const {
  return osName() + ".environ[" + literal(proxy_.key_env, "\"") + "]";
}

bool Spelling::needsOsImport(std::string_view expr) const {
  return !os_alias_ && expr.find("os.environ") != std::string_view::npos;
}

std::optional<Edit> Spelling::importOsEdit(const std::string &rule_id) const {
  if (os_alias_)
    return std::nullopt;
  Edit e{ByteRange{import_offset_, 0}, import_prefix_ + "import os" + newline_,
         rule_id};
  e.commutes = true;
  return e;
}

std::string Spelling::wrapName(std::string_view dotted) const {
  if (auto alias = imports_.moduleAlias(dotted))
    return *alias;
  std::string_view name = dotted.substr(dotted.rfind('.') + 1);
  // A module with its own `wrap` gets the shim's under another name.
  return imports_.binds(name) ? "keyshift_" + std::string(name)
                              : std::string(name);
}

std::optional<Edit> Spelling::importWrapEdit(std::string_view dotted,
                                             const std::string &rule_id) const {
  if (imports_.moduleAlias(dotted))
    return std::nullopt;
  std::size_t dot = dotted.rfind('.');
  std::string name(dotted.substr(dot + 1));
  std::string local = wrapName(dotted);
  std::string line = "from " + std::string(dotted.substr(0, dot)) + " import " +
                     name + (local != name ? " as " + local : "");
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

bool insideInterpolation(TSNode node) {
  for (TSNode n = ts_node_parent(node); !ts_node_is_null(n);
       n = ts_node_parent(n))
    if (ts::nodeType(n) == "interpolation")
      return true;
  return false;
}

bool startsLine(std::string_view text, std::size_t offset) {
  std::size_t i = offset;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
    --i;
  return i == 0 || text[i - 1] == '\n';
}

} // namespace keyshift::python
