#include "match/treesitter/dialect.h"

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

} // namespace keyshift::ts
