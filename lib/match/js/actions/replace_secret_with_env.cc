// replace-secret-with-env: a string or template literal holding an OpenAI
// key becomes a read of the proxy key variable (in braces as a JSX
// attribute). The finding never carries the key in clear: `before` is
// redacted and the secret is described by fingerprint.
#include "match/js/actions/action.h"
#include "match/treesitter/tree.h"
#include "secrets/key_classifier.h"
#include "secrets/redaction.h"

namespace keyshift::js {
namespace {

/// Where an expression may not simply stand in for the literal: a piece
/// of a concatenation, an object key, a module specifier, a type.
bool standalone(TSNode literal, std::string_view text) {
  TSNode parent = ts_node_parent(literal);
  std::string_view pt = ts::nodeType(parent);
  if (pt == "binary_expression")
    return ts::nodeText(ts::childByField(parent, "operator"), text) != "+";
  if (pt == "pair")
    return !ts_node_eq(ts::childByField(parent, "key"), literal);
  return pt != "import_statement" && pt != "export_statement" &&
         pt != "literal_type" && pt != "property_signature" &&
         pt != "enum_assignment" && pt != "enum_body";
}

} // namespace

std::optional<Finding> replaceSecretWithEnv(const ActionContext &ctx) {
  auto s = readString(ctx.located, ctx.text);
  if (!s || !s->simple || s->value.empty())
    return std::nullopt;
  if (secrets::isPlaceholder(s->value))
    return std::nullopt;
  auto info = secrets::describe(s->value);
  if (!info)
    return std::nullopt;
  Finding f = makeFinding(ctx, ctx.located);
  f.secret = *info;
  f.before = s->quote + info->redacted + s->quote;
  if (!standalone(ctx.located, ctx.text)) {
    f.message += " (part of a larger expression: move it to the environment "
                 "by hand)";
    return f;
  }
  std::string replacement = ctx.spelling.keyExpr();
  if (ts::nodeType(ts_node_parent(ctx.located)) == "jsx_attribute")
    replacement = "{" + replacement + "}";
  attachChange(ctx, f, {Edit{s->range, replacement, ctx.rule.id}});
  return f;
}

} // namespace keyshift::js
