// How the repository plan names modules (driver/repo_plan.h): a file's
// dotted module name, and the file a JavaScript/TypeScript relative
// specifier loads, resolved the way Node and TypeScript's bundler mode do
// for files of the repository.
#ifndef KEYSHIFT_DRIVER_MODULE_PATH_H_
#define KEYSHIFT_DRIVER_MODULE_PATH_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace keyshift::driver {

/// `pkg/settings.py` -> "pkg.settings"; `pkg/__init__.py` -> "pkg";
/// `src/config.ts` -> "src.config".
std::string moduleOf(const std::string &repo_path);

/// Whether a key symbol starts with a JS relative specifier ("./config.x",
/// "../lib/env.env.KEY").
bool isRelativeSpecifier(std::string_view symbol);

/// The repository file `spec` (relative to the file at `from`) loads: the
/// path itself, with one of the extensions a bundler tries, a `.js`
/// written for a `.ts` source, or the directory's `index` file; nullopt
/// when `exists` knows none of them.
std::optional<std::string>
resolveSpecifier(const std::string &from, std::string_view spec,
                 const std::function<bool(const std::string &)> &exists);

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_MODULE_PATH_H_
