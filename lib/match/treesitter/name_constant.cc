#include "match/treesitter/name_constant.h"

#include "match/finding_text.h"
#include "match/treesitter/scopes.h"

#include <algorithm>
#include <string>

namespace keyshift::ts {
namespace {

/// An environment variable's name: what a name constant may hold.
bool isEnvName(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9');
  });
}

unsigned lineOf(std::string_view text, std::size_t offset) {
  return 1 + static_cast<unsigned>(
                 std::count(text.begin(), text.begin() + offset, '\n'));
}

/// Whether the reference `ref` is the name of an environment read (not a
/// write): `os.getenv(ref)`, `process.env[ref]`, ...
bool namesRead(const FileContext &file, TSNode ref) {
  TSNode n = file.parent(ref);
  // The access itself, or the call around an argument list.
  for (int depth = 0; depth < 2 && !ts_node_is_null(n); ++depth) {
    EnvAccess access = file.dialect.envAccess(n, file);
    if (!ts_node_is_null(access.name))
      return ts_node_eq(file.dialect.unwrap(access.name), ref) &&
             !access.writes;
    n = file.parent(n);
  }
  return false;
}

/// The constant `b` binds `name` to, with every use of it weighed.
std::optional<NameConstant> weigh(const FileContext &file,
                                  std::string_view name, const Binding &b) {
  const Dialect &d = file.dialect;
  auto lit = d.readString(d.unwrap(b.value), file.text);
  if (!lit || !lit->simple || lit->bytes || lit->formatted ||
      lit->pieces.size() != 1 || !isEnvName(lit->value))
    return std::nullopt;
  NameConstant c{std::string(name), std::move(*lit)};
  // A plain `NAME = "..."` (Python), or a JS `const` (a `let` or `var`
  // may be given any name later).
  TSNode holder = file.parent(b.value);
  if (nodeType(holder) == "variable_declarator") {
    TSNode declaration = file.parent(holder);
    if (nodeType(declaration) != "lexical_declaration" ||
        file.textOf(childByField(declaration, "kind")) != "const")
      return std::nullopt;
    // Exported, it is read where keyshift does not look.
    if (nodeType(file.parent(declaration)) == "export_statement") {
      c.stray = "exported";
      c.stray_line = lineOf(file.text, ts_node_start_byte(declaration));
    }
  } else if (nodeType(holder) != d.assignmentType()) {
    return std::nullopt;
  }
  for (TSNode ref : file.scopes.referencesTo(name, b)) {
    if (namesRead(file, ref)) {
      ++c.reads;
      continue;
    }
    if (c.stray.empty()) {
      TSNode around = file.parent(ref);
      if (file.dialect.isArgumentList(around))
        around = file.parent(around); // the whole call: `requireEnv(KEY)`
      c.stray = nodeType(around) == "export_specifier"
                    ? std::string("exported")
                    : "used as " + snippet(file.textOf(
                                       ts_node_is_null(around) ? ref : around));
      c.stray_line = lineOf(file.text, ts_node_start_byte(ref));
    }
  }
  if (c.reads == 0 && c.stray.empty())
    c.stray = "never used as a variable's name in this file";
  return c;
}

/// weigh(), once per binding when the file keeps a memo.
std::optional<NameConstant>
fromBinding(const FileContext &file, std::string_view name, const Binding &b) {
  if (!file.name_constants)
    return weigh(file, name, b);
  auto &memo = file.name_constants->by_binding;
  auto it = memo.find(b.at.offset);
  if (it == memo.end())
    it = memo.emplace(b.at.offset, weigh(file, name, b)).first;
  return it->second;
}

} // namespace

std::string NameConstant::whyNotFollowed() const {
  if (followed())
    return {};
  return "it is " + stray +
         (stray_line ? " (line " + std::to_string(stray_line) + ")"
                     : std::string());
}

std::optional<NameConstant> nameConstantAt(const FileContext &file,
                                           TSNode ref) {
  if (nodeType(ref) != "identifier")
    return std::nullopt;
  std::string_view name = file.textOf(ref);
  const Binding *b = file.scopes.moduleBinding(name, ts_node_start_byte(ref));
  if (!b)
    return std::nullopt;
  return fromBinding(file, name, *b);
}

std::optional<NameConstant> nameConstantOf(const FileContext &file,
                                           TSNode literal) {
  // The literal, maybe wrapped (`"K" as const`), is a binding's value.
  TSNode value = literal;
  for (int depth = 0; depth < 3; ++depth) {
    TSNode up = file.parent(value);
    if (ts_node_is_null(up) || !ts_node_eq(file.dialect.unwrap(up), literal))
      break;
    value = up;
  }
  TSNode holder = file.parent(value);
  TSNode name{};
  if (nodeType(holder) == "variable_declarator")
    name = childByField(holder, "name");
  else if (nodeType(holder) == file.dialect.assignmentType())
    name = childByField(holder, "left");
  if (nodeType(name) != "identifier")
    return std::nullopt;
  const Binding *b =
      file.scopes.moduleBinding(file.textOf(name), ts_node_start_byte(name));
  if (!b || !ts_node_eq(b->value, value))
    return std::nullopt;
  return fromBinding(file, file.textOf(name), *b);
}

} // namespace keyshift::ts
