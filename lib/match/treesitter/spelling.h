// How new code is written into one file: the proxy settings as expressions
// of the file's language, in its quote style, and the imports they need at
// the place the file keeps its imports. A dialect makes one per file
// (Dialect::spelling); what is the same in every language (the base URL
// with or without an override variable, the shim's wrap function and its
// import) is written here once.
#ifndef KEYSHIFT_MATCH_TREESITTER_SPELLING_H_
#define KEYSHIFT_MATCH_TREESITTER_SPELLING_H_

#include "base/proxy_target.h"
#include "rewrite/edit.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::ts {

class Scopes;

/// Where a new import line goes, and whether a newline must precede it
/// (the file ends without one).
struct ImportPoint {
  std::size_t offset = 0;
  bool needs_newline = false;
};

class Spelling {
public:
  Spelling(const ProxyTarget &proxy, const Scopes &scopes, ImportPoint at,
           std::string_view newline);
  virtual ~Spelling() = default;
  Spelling(const Spelling &) = delete;
  Spelling &operator=(const Spelling &) = delete;

  /// A string literal holding `value`.
  virtual std::string literal(std::string_view value) const = 0;
  /// A read of variable `name`: `os.environ["K"]`, `process.env.K`.
  virtual std::string envRead(std::string_view name) const = 0;
  /// A read of `name` falling back to `fallback` (an expression) when it
  /// is unset: `os.environ.get("BE", "B")`, `process.env.BE ?? "B"`.
  virtual std::string envReadOr(std::string_view name,
                                std::string_view fallback) const = 0;
  /// The import edits `edits` need beyond the shim's (`import os`).
  virtual std::vector<Edit> importsFor(const std::vector<Edit> &edits,
                                       const std::string &rule_id) const;
  /// A rule's dotted `shim_wrap` name as imports resolve it here.
  virtual std::string symbolFor(std::string_view dotted) const;

  /// `"B"`, or the read of BE falling back to it.
  std::string baseUrlExpr() const;
  /// The read of K.
  std::string keyExpr() const;
  /// The name to call the shim's wrap function `dotted` by.
  std::string wrapName(std::string_view dotted) const;
  /// The import of it, unless the file has one. Import edits commute
  /// (Edit::commutes), so several share the insertion point.
  std::optional<Edit> importWrapEdit(std::string_view dotted,
                                     const std::string &rule_id) const;

protected:
  /// `from m import name as local` / `import { name as local } from "m"`.
  virtual std::string importLine(std::string_view module, std::string_view name,
                                 std::string_view local) const = 0;
  /// A line added at the import point.
  Edit importEdit(const std::string &line, const std::string &rule_id) const;

  const ProxyTarget &proxy_;
  const Scopes &scopes_;
  ImportPoint at_;
  std::string newline_;
};

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_SPELLING_H_
