// Python as a dialect of the tree-sitter engine (tree-sitter-python): how
// it binds names (imports, def, class, parameters, assignments, global and
// nonlocal; function, class, lambda and comprehension scopes), spells
// strings (prefixes, f-strings), reads the environment (os.environ,
// os.getenv), passes options (keyword arguments, **dict), and where
// `import os` goes.
#ifndef KEYSHIFT_MATCH_PYTHON_PYTHON_DIALECT_H_
#define KEYSHIFT_MATCH_PYTHON_PYTHON_DIALECT_H_

#include "match/treesitter/dialect.h"
#include "match/treesitter/spelling.h"

namespace keyshift::python {

class PythonDialect final : public ts::Dialect {
public:
  KEYSHIFT_TS_DIALECT_OVERRIDES;
  /// pydantic `BaseSettings` subclasses (settings_fields.cc).
  std::vector<ts::SettingsField>
  settingsFields(const ts::FileContext &file) const override;

private:
  /// The dict literal or `dict(...)` argument list a lone `**x` passes:
  /// written in place, or bound once to a local used only there.
  std::optional<TSNode> splatLiteral(TSNode splat, const ts::FileContext &file,
                                     bool *through_local) const;
  /// The entries of an argument list or dict literal.
  ts::OptionsOrReview entriesOf(TSNode list, const ts::OptionNames &names,
                                const ts::FileContext &file) const;
};

/// The one Python dialect.
const PythonDialect &dialect();

/// Where a new top-level import goes: after the docstring, `__future__`
/// imports and the leading block of imports; after a shebang or coding
/// line when there is nothing else.
ts::ImportPoint importInsertionPoint(TSNode module, std::string_view text);

} // namespace keyshift::python

#endif // KEYSHIFT_MATCH_PYTHON_PYTHON_DIALECT_H_
