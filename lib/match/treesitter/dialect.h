// The language trait of the tree-sitter engine (ast-grep's `Language`):
// what Python, JavaScript, TypeScript and TSX really differ in, and nothing
// else. The engine (engine.h), the scopes (scopes.h) and every rewrite
// action (actions/) are written once against this interface; a dialect
// answers questions about its grammar's nodes:
//   how a name is bound (imports, parameters, declarations, scopes),
//   how a string literal, an environment read, a fallback is spelled,
//   what a call's options are (keyword arguments, an options object),
//   what a statement block is,
// and makes the per-file Spelling that writes new code (spelling.h).
#ifndef KEYSHIFT_MATCH_TREESITTER_DIALECT_H_
#define KEYSHIFT_MATCH_TREESITTER_DIALECT_H_

#include "base/byte_range.h"
#include "base/language.h"
#include "base/proxy_target.h"
#include "finding/flow.h"
#include "match/treesitter/tree.h"
#include "rewrite/edit.h"

#include <tree_sitter/api.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::ts {

class Scopes;
class ScopeBuilder;
class Spelling;
struct FileContext;

/// A string literal as written. `pieces` are its literal text runs (an
/// f-string or template has several, split by interpolations; escapes
/// split them too); `simple` means at most one piece, no interpolation and
/// no escape, so `value` is exact.
struct StringLiteral {
  ByteRange range;
  std::string_view prefix; ///< r, f, b, rb... as written (Python); "" in JS
  std::string_view quote;  ///< ' " ''' """ or `
  std::vector<ByteRange> pieces;
  bool simple = false;
  bool bytes = false;     ///< b"..." (Python)
  bool formatted = false; ///< f"..." (Python): braces in it are code
  std::string value;      ///< the content when simple

  /// Sets `value` from `text` when the literal is simple.
  void readValue(std::string_view text) {
    if (simple && !pieces.empty())
      value = std::string(text.substr(pieces[0].offset, pieces[0].length));
  }
  /// Where the text after the opening quote starts.
  std::size_t contentStart() const {
    return range.offset + prefix.size() + quote.size();
  }
};

/// A read (or a write) of an environment variable, and how its name is
/// spelled.
struct EnvRead {
  enum class Form {
    Quoted,    ///< os.environ["K"], process.env["K"]: inside quotes
    Property,  ///< process.env.K: must stay an identifier
    Shorthand, ///< const { K } = process.env: the name is the local's too
    /// import { K } from "$env/static/private" (SvelteKit): the import's
    /// name is the local's too (`{ K }` -> `{ T as K }`)
    ImportShorthand,
  };
  std::string name;
  ByteRange name_range;
  Form form = Form::Quoted;
  /// The site sets or deletes the variable (`os.environ["K"] = v`, `del`,
  /// `setdefault`, `update`, `putenv`, `process.env.K = v`): never renamed,
  /// since the value written may be an OpenAI key that K would then carry.
  bool writes = false;
  /// The name constant the read names the variable by (`os.getenv(KEY_ENV)`
  /// after `KEY_ENV = "K"`, name_constant.h): `name_range` is inside its
  /// literal, away from the read.
  std::string constant;

  /// Whether the name can become `target` where it is written.
  bool canRename(std::string_view target) const;
  /// The edit renaming the variable read to `target`; a shorthand keeps its
  /// local name (`{ K }` -> `{ T: K }`, `import { K }` -> `{ T as K }`).
  Edit rename(std::string_view target, const std::string &rule_id) const;
};

/// An environment access that names its variable by an expression
/// (`os.environ[N]`, `os.getenv(N)`, `N in os.environ`, `process.env[N]`,
/// `Deno.env.get(N)`): that expression, and whether the access writes.
struct EnvAccess {
  TSNode name{}; ///< null when the node is no such access
  bool writes = false;
};

/// `x ?? y`, `x || y`, `x or y`: what is tried first and what follows.
struct Fallback {
  TSNode primary{};
  TSNode fallback{}; ///< null when the expression has none
};

/// `left = right` in any of its spellings; nulls when not an assignment.
struct Assignment {
  TSNode left{};
  TSNode right{};
};

/// `object.property`.
struct Member {
  TSNode object{};
  std::string property;
};

/// One entry of a client's options: a keyword argument, an object property,
/// a dict item.
struct OptionEntry {
  TSNode node{};    ///< the whole entry
  std::string name; ///< its key; "" when positional or not a plain name
  TSNode value{};   ///< null for a shorthand property or a method
};

/// How a new entry is spelled in its list.
enum class EntryStyle {
  Keyword,   ///< name=value (a call's keyword arguments)
  Property,  ///< name: value (an object literal)
  QuotedKey, ///< "name": value (a dict literal)
};

/// The options a client construction is given, where new ones go.
struct OptionList {
  /// The node holding the entries: an argument list, an object or dict
  /// literal (also one bound to a local and passed by name). Null when
  /// the construction has no argument list at all (`new OpenAI`).
  TSNode list{};
  std::vector<OptionEntry> entries;
  std::vector<ByteRange> comments; ///< comments among the entries
  EntryStyle style = EntryStyle::Keyword;
  /// New entries go into a new object literal in `list` (a JS call with
  /// an empty argument list: `new OpenAI()` -> `new OpenAI({ ... })`).
  bool new_object = false;
  /// The literal is a local's value (`opts = {...}; OpenAI(**opts)`),
  /// away from the construction itself.
  bool through_local = false;
};

/// The option names a rule reads and writes, first ones written.
struct OptionNames {
  const std::vector<std::string> &base_url;
  const std::vector<std::string> &api_key;
};

/// A client's options, or why keyshift cannot tell what they are.
struct OptionsOrReview {
  std::optional<OptionList> options;
  std::string review; ///< set when there are no options to edit
};

/// A field a settings class fills from the environment by itself
/// (pydantic's `BaseSettings`): no code names the variable, the class
/// reads it.
struct SettingsField {
  TSNode node{};    ///< its declaration (`openai_api_key: str = ""`)
  std::string cls;  ///< the class, a module-level name
  std::string name; ///< the field
  /// The variables it reads (prefix, case and aliases applied); empty
  /// when keyshift cannot tell (a prefix or alias that is not a literal).
  std::vector<std::string> envs;
};

class Dialect {
public:
  virtual ~Dialect() = default;
  virtual Language language() const = 0;
  virtual const TSLanguage *grammar() const = 0;

  // Names and scopes (scopes.cc calls these for every node, in order).

  /// What the node the walk is at does to names: open a scope, bind names
  /// (imports, parameters, declarations, assignments), declare global or
  /// nonlocal ones. Called in pre-order, before the node's children.
  virtual void declare(WalkStep step, ScopeBuilder &b) const = 0;
  /// Whether the node reads or writes a variable by its name.
  virtual bool isReference(WalkStep step) const = 0;
  /// `a.b` (attribute, member expression).
  virtual std::optional<Member> member(TSNode expr,
                                       std::string_view text) const = 0;
  /// What an expression that is neither a name nor a member denotes, as a
  /// dotted name: `require("m")` -> "m", `import.meta`; nullopt otherwise.
  virtual std::optional<std::string> special(TSNode expr, const Scopes &scopes,
                                             std::string_view text) const = 0;
  /// The dotted name a name no scope binds stands for (`os`, `process`).
  virtual std::optional<std::string> global(std::string_view name,
                                            const Scopes &scopes) const = 0;

  // Expressions.

  /// `(x)` and the like: the expression that matters.
  virtual TSNode unwrap(TSNode expr) const = 0;
  virtual std::optional<StringLiteral>
  readString(TSNode node, std::string_view text) const = 0;
  /// `os.environ["K"]`, `process.env.K`, ...: the variable read.
  virtual std::optional<EnvRead> envRead(TSNode expr,
                                         const FileContext &file) const = 0;
  /// The expression `expr` names its variable by, when it is an
  /// environment access that takes one (EnvAccess).
  virtual EnvAccess envAccess(TSNode expr, const FileContext &file) const = 0;
  /// The variable an EnvAccess names: a plain string literal, or a name
  /// constant keyshift follows (name_constant.h).
  std::optional<EnvRead> namedRead(const EnvAccess &access,
                                   const FileContext &file) const;
  virtual Fallback splitFallback(TSNode expr, std::string_view text) const = 0;
  /// `None`, `null`, `undefined`: an option left to the SDK's default.
  virtual bool isNullLiteral(TSNode expr) const = 0;
  /// `left = right`, when `node` is the grammar's assignment.
  Assignment assignment(TSNode node) const;
  /// The values a module binds to names other modules (or its own code)
  /// read, beyond plain module-level assignments (module_index.cc reads
  /// those): JS's module-level `const X = v`, `export { X as Y }`, `export
  /// default v` (as "default"), `module.exports = v` (as "" and
  /// "default"), `exports.X = v`. Empty for Python.
  struct ModuleValue {
    std::string name;
    TSNode value{};
    bool exported = true; ///< false for a module-level `const` of its own
  };
  virtual std::vector<ModuleValue> moduleValues(const FileContext &) const {
    return {};
  }
  /// The module's settings classes' fields (SettingsField), in order.
  virtual std::vector<SettingsField> settingsFields(const FileContext &) const {
    return {};
  }
  /// What the module re-exports from others (ModuleFacts::ReExport).
  virtual std::vector<ModuleFacts::ReExport>
  reExports(const FileContext &) const {
    return {};
  }
  /// The grammar's assignment node ("assignment", "assignment_expression").
  virtual std::string_view assignmentType() const = 0;
  /// What a formatted string is called in messages ("f-string").
  virtual std::string_view formattedName() const = 0;

  // Calls and options.

  /// The options of the client construction `call`, following an argument
  /// that names a local literal (data flow within its scope).
  virtual OptionsOrReview options(TSNode call, const OptionNames &names,
                                  const FileContext &file) const = 0;
  /// The options written as the value of one option (`configuration: {
  /// baseURL }` of LangChain JS), when it is a literal the dialect edits.
  virtual OptionsOrReview nestedOptions(TSNode value, const OptionNames &names,
                                        const FileContext &file) const = 0;
  /// The callee of a call or construction.
  virtual TSNode callee(TSNode call) const = 0;
  virtual bool isArgumentList(TSNode node) const = 0;
  /// The key of an option entry (keyword argument, property) `node` is.
  virtual std::optional<std::string> entryName(TSNode node,
                                               std::string_view text) const = 0;
  /// A node a value passes through on its way to an option: parentheses,
  /// type assertions, a fallback (`??`).
  virtual bool isTransparent(TSNode node) const = 0;

  // Statements and literals in place.

  /// A node whose children are statements (module, block).
  virtual bool isBlock(TSNode node) const = 0;
  /// One level of indentation, for a list that had no entries.
  virtual std::string_view indentUnit() const = 0;
  /// Whether code written at `node` may use quotes (not inside a Python
  /// f-string's braces, before 3.12).
  virtual bool quotesAllowedAt(TSNode node, const FileContext &file) const = 0;
  /// Why the literal `node` cannot simply become an expression ("part of a
  /// larger literal"), or nullopt when it can.
  virtual std::optional<std::string>
  fixedLiteral(TSNode node, const StringLiteral &literal,
               const FileContext &file) const = 0;
  /// `expr` as it must be written in place of the literal `node` (a JSX
  /// attribute takes `{expr}`).
  virtual std::string expressionAt(TSNode node, std::string expr,
                                   const FileContext &file) const = 0;

  /// How this file is written: quotes, imports, environment reads.
  virtual std::unique_ptr<Spelling>
  spelling(const FileContext &file, const ProxyTarget &proxy) const = 0;
};

/// What every dialect class declares: one list beside the interface, so
/// the dialects differ only in their definitions.
#define KEYSHIFT_TS_DIALECT_OVERRIDES                                          \
  Language language() const override;                                          \
  const TSLanguage *grammar() const override;                                  \
  void declare(::keyshift::ts::WalkStep step, ::keyshift::ts::ScopeBuilder &b) \
      const override;                                                          \
  bool isReference(::keyshift::ts::WalkStep step) const override;              \
  std::optional<::keyshift::ts::Member> member(                                \
      TSNode expr, std::string_view text) const override;                      \
  std::optional<std::string> special(TSNode expr,                              \
                                     const ::keyshift::ts::Scopes &scopes,     \
                                     std::string_view text) const override;    \
  std::optional<std::string> global(std::string_view name,                     \
                                    const ::keyshift::ts::Scopes &scopes)      \
      const override;                                                          \
  TSNode unwrap(TSNode expr) const override;                                   \
  std::optional<::keyshift::ts::StringLiteral> readString(                     \
      TSNode node, std::string_view text) const override;                      \
  std::optional<::keyshift::ts::EnvRead> envRead(                              \
      TSNode expr, const ::keyshift::ts::FileContext &file) const override;    \
  ::keyshift::ts::EnvAccess envAccess(                                         \
      TSNode expr, const ::keyshift::ts::FileContext &file) const override;    \
  ::keyshift::ts::Fallback splitFallback(TSNode expr, std::string_view text)   \
      const override;                                                          \
  bool isNullLiteral(TSNode expr) const override;                              \
  std::string_view assignmentType() const override;                            \
  std::string_view formattedName() const override;                             \
  ::keyshift::ts::OptionsOrReview options(                                     \
      TSNode call, const ::keyshift::ts::OptionNames &names,                   \
      const ::keyshift::ts::FileContext &file) const override;                 \
  ::keyshift::ts::OptionsOrReview nestedOptions(                               \
      TSNode value, const ::keyshift::ts::OptionNames &names,                  \
      const ::keyshift::ts::FileContext &file) const override;                 \
  TSNode callee(TSNode call) const override;                                   \
  bool isArgumentList(TSNode node) const override;                             \
  std::optional<std::string> entryName(TSNode node, std::string_view text)     \
      const override;                                                          \
  bool isTransparent(TSNode node) const override;                              \
  bool isBlock(TSNode node) const override;                                    \
  std::string_view indentUnit() const override;                                \
  bool quotesAllowedAt(TSNode node, const ::keyshift::ts::FileContext &file)   \
      const override;                                                          \
  std::optional<std::string> fixedLiteral(                                     \
      TSNode node, const ::keyshift::ts::StringLiteral &literal,               \
      const ::keyshift::ts::FileContext &file) const override;                 \
  std::string expressionAt(TSNode node, std::string expr,                      \
                           const ::keyshift::ts::FileContext &file)            \
      const override;                                                          \
  std::unique_ptr<::keyshift::ts::Spelling> spelling(                          \
      const ::keyshift::ts::FileContext &file, const ProxyTarget &proxy)       \
      const override

/// Whether `name` is a plain identifier in both languages.
bool isIdentifierName(std::string_view name);

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_DIALECT_H_
