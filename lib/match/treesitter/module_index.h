// The tree-sitter engine's part of the repository index (finding/flow.h):
// the module-level names a file binds to environment reads and the
// module-level names of other modules it uses, and how a client's key
// value is named when it is such a name.
#ifndef KEYSHIFT_MATCH_TREESITTER_MODULE_INDEX_H_
#define KEYSHIFT_MATCH_TREESITTER_MODULE_INDEX_H_

#include "finding/flow.h"
#include "match/treesitter/dialect.h"
#include "match/treesitter/file_context.h"

#include <optional>
#include <string>

namespace keyshift::ts {

/// `os.getenv("K") or ""`: the env read, when the fallback is a literal
/// that is not itself a key (an empty or placeholder string).
TSNode withoutLiteralFallback(const FileContext &file, TSNode value);

/// The environment read a module-level binding of `name` at `offset`
/// holds, or nullopt.
std::optional<EnvRead> moduleEnvBinding(const FileContext &file,
                                        std::string_view name,
                                        std::size_t offset);

/// The environment read a dotted path into this module's names reaches
/// (`config.apiKey` through `const config = { apiKey: process.env.K }`,
/// `KEY.strip` through `KEY = os.environ["K"]`), or nullopt.
std::optional<EnvRead> moduleEnvPath(const FileContext &file,
                                     std::string_view path, std::size_t offset);

/// Whether the index records the environment read at `read` as held by
/// the module-level value at `holder` (a name bound to it, or an exported
/// expression containing it): the plan then follows it into every module
/// that imports the name.
bool indexedUnder(const FileContext &file, TSNode read, TSNode holder);

/// A key value that is a module-level name, spelled as Finding::key_symbol
/// ("pkg.settings.KEY", ".settings.KEY", "@KEY"); nullopt otherwise.
std::optional<std::string> keySymbol(const FileContext &file, TSNode value);

ModuleFacts indexModule(const FileContext &file);

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_MODULE_INDEX_H_
