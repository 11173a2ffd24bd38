#include "match/treesitter/spelling.h"

#include "match/treesitter/scopes.h"

namespace keyshift::ts {

Spelling::Spelling(const ProxyTarget &proxy, const Scopes &scopes,
                   ImportPoint at, std::string_view newline)
    : proxy_(proxy), scopes_(scopes), at_(at), newline_(newline) {}

std::vector<Edit> Spelling::importsFor(const std::vector<Edit> &,
                                       const std::string &) const {
  return {};
}

std::string Spelling::symbolFor(std::string_view dotted) const {
  return std::string(dotted);
}

std::string Spelling::baseUrlExpr() const {
  if (proxy_.base_url_env.empty())
    return literal(proxy_.base_url);
  return envReadOr(proxy_.base_url_env, literal(proxy_.base_url));
}

std::string Spelling::keyExpr() const { return envRead(proxy_.key_env); }

std::string Spelling::wrapName(std::string_view dotted) const {
  std::string symbol = symbolFor(dotted);
  if (auto alias = scopes_.moduleAlias(symbol))
    return *alias;
  std::string name = symbol.substr(symbol.rfind('.') + 1);
  // A file with its own `wrap` gets the shim's under another name.
  return scopes_.binds(name) ? "keyshift_" + name : name;
}

std::optional<Edit> Spelling::importWrapEdit(std::string_view dotted,
                                             const std::string &rule_id) const {
  std::string symbol = symbolFor(dotted);
  if (scopes_.moduleAlias(symbol))
    return std::nullopt;
  std::size_t dot = symbol.rfind('.');
  return importEdit(importLine(std::string_view(symbol).substr(0, dot),
                               std::string_view(symbol).substr(dot + 1),
                               wrapName(dotted)),
                    rule_id);
}

Edit Spelling::importEdit(const std::string &line,
                          const std::string &rule_id) const {
  Edit e{ByteRange{at_.offset, 0},
         (at_.needs_newline ? newline_ : std::string()) + line + newline_,
         rule_id};
  e.commutes = true;
  return e;
}

} // namespace keyshift::ts
