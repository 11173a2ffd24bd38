// What each name in a Python module refers to, from its imports:
//   from openai import OpenAI as OAI   ->  OAI        = openai.OpenAI
//   import openai as oa                ->  oa         = openai
//   oa.AsyncOpenAI                     ->  resolves to openai.AsyncOpenAI
// A name also bound by a local class, function or module-level assignment
// is ambiguous and resolves to nothing: a local class named OpenAI is not
// the SDK's. Scopes are approximated file-wide (an import inside a function
// counts everywhere), which errs towards finding more call sites.
#ifndef KEYSHIFT_MATCH_PYTHON_IMPORTS_H_
#define KEYSHIFT_MATCH_PYTHON_IMPORTS_H_

#include <tree_sitter/api.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::python {

class ImportTable {
public:
  static ImportTable build(TSNode module, std::string_view text);

  /// The dotted name an identifier or attribute chain refers to.
  std::optional<std::string> resolve(TSNode expr, std::string_view text) const;
  /// The local name of module `module` (`import os as o` -> "o"), bound
  /// by an import directly at module level: one inside a function or an
  /// `if` does not make the name usable everywhere, so code that keyshift
  /// writes must not rely on it.
  std::optional<std::string> moduleAlias(std::string_view module) const;
  /// Whether the module binds `name` at all (import, class, def, assignment).
  bool binds(std::string_view name) const {
    return bindings_.count(name) > 0 || local_names_.count(name) > 0;
  }

private:
  std::map<std::string, std::set<std::string>, std::less<>> bindings_;
  /// name -> target for imports that are direct children of the module.
  std::map<std::string, std::string, std::less<>> top_level_;
  std::set<std::string, std::less<>> local_names_;
  /// Modules imported with `from m import *`: their names are unbound.
  std::vector<std::string> wildcard_modules_;
};

} // namespace keyshift::python

#endif // KEYSHIFT_MATCH_PYTHON_IMPORTS_H_
