#include "match/treesitter/dialect.h"

#include "match/treesitter/file_context.h"
#include "match/treesitter/name_constant.h"

namespace keyshift::ts {

bool isIdentifierName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
    return false;
  for (char c : name)
    if (!(c == '_' || c == '$' || (c >= 'a' && c <= 'z') ||
          (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      return false;
  return true;
}

Assignment Dialect::assignment(TSNode node) const {
  if (nodeType(node) != assignmentType())
    return {};
  return {childByField(node, "left"), childByField(node, "right")};
}

bool EnvRead::canRename(std::string_view target) const {
  return form == Form::Quoted || isIdentifierName(target);
}

Edit EnvRead::rename(std::string_view target,
                     const std::string &rule_id) const {
  std::string replacement(target);
  if (form == Form::Shorthand)
    replacement += ": " + name;
  else if (form == Form::ImportShorthand)
    replacement += " as " + name;
  return Edit{name_range, replacement, rule_id};
}

std::optional<EnvRead> Dialect::namedRead(const EnvAccess &access,
                                          const FileContext &file) const {
  TSNode name = unwrap(access.name);
  if (ts_node_is_null(name))
    return std::nullopt;
  // `os.getenv(KEY_ENV)`: the constant's literal names the variable (and
  // is what a rename edits), when keyshift follows every use of it.
  if (auto constant = nameConstantAt(file, name)) {
    if (!constant->followed())
      return std::nullopt;
    EnvRead env{constant->literal.value, constant->literal.pieces[0],
                EnvRead::Form::Quoted};
    env.constant = constant->name;
    return env;
  }
  auto s = readString(name, file.text);
  if (!s || !s->simple || s->pieces.empty() || s->bytes)
    return std::nullopt;
  EnvRead env{s->value, s->pieces[0], EnvRead::Form::Quoted};
  env.writes = access.writes;
  return env;
}

} // namespace keyshift::ts
