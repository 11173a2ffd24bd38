// A module-level constant holding an environment variable's name, used to
// read the variable by it (issue 9):
//   KEY_ENV = "OPENAI_API_KEY"            ...  os.getenv(KEY_ENV)
//   const KEY_NAME = "OPENAI_API_KEY";    ...  process.env[KEY_NAME]
// keyshift follows the constant when every use of it in the file is the
// name of such a read: it is then that read, and renaming the variable
// renames the constant's literal (once, however many reads use it). A use
// anywhere else (an argument to a helper, a write, an export in
// JavaScript, a second binding) could read or set the variable by a name
// keyshift does not see, so the constant is not followed: its literal is
// reported (env-name-literal) and holds the variable's flow. Other Python
// modules importing the name are the plan's to see (ModuleFacts::Binding::
// name_only).
#ifndef KEYSHIFT_MATCH_TREESITTER_NAME_CONSTANT_H_
#define KEYSHIFT_MATCH_TREESITTER_NAME_CONSTANT_H_

#include "match/treesitter/dialect.h"
#include "match/treesitter/file_context.h"

#include <map>
#include <optional>
#include <string>

namespace keyshift::ts {

struct NameConstant {
  std::string name;      ///< the constant
  StringLiteral literal; ///< its value, a plain string
  std::size_t reads = 0; ///< environment reads naming the variable by it
  /// Empty when keyshift follows the constant; else the first use it does
  /// not follow, for messages ("passed to env() at line 12").
  std::string stray;
  std::size_t stray_line = 0;
  bool followed() const { return stray.empty(); }
  /// Why keyshift does not follow it: "it is used as requireEnv(KEY_NAME)
  /// (line 7)". Empty when it does.
  std::string whyNotFollowed() const;
};

/// The constants of one file weighed so far, by where each is bound:
/// every read by a constant asks, and weighing walks the module's uses.
struct NameConstantMemo {
  std::map<std::size_t, std::optional<NameConstant>> by_binding;
};

/// The name constant the reference `ref` refers to, or nullopt when it
/// names no module-level constant bound once to a plain string (a JS
/// `const`).
std::optional<NameConstant> nameConstantAt(const FileContext &file, TSNode ref);
/// The name constant whose value is the string literal `literal`.
std::optional<NameConstant> nameConstantOf(const FileContext &file,
                                           TSNode literal);

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_NAME_CONSTANT_H_
