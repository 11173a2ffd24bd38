// What each name in a file refers to, scope by scope, for every dialect:
//   from openai import OpenAI as OAI   ->  OAI = openai.OpenAI (module scope)
//   def f(OpenAI): OpenAI()            ->  OpenAI is f's parameter, in f only
//   const { OpenAI } = require("openai")  ->  OpenAI = openai.OpenAI
// Scopes are module, class, function (lambda, arrow), block and
// comprehension; the dialect says which nodes open them and what they
// bind (Dialect::declare). A name bound anywhere in a scope is bound in all
// of it (flow-insensitive); a name bound in a scope by anything but imports
// of one target resolves to nothing, so a local class named OpenAI is not
// the SDK's. Built in one linear walk of the tree.
#ifndef KEYSHIFT_MATCH_TREESITTER_SCOPES_H_
#define KEYSHIFT_MATCH_TREESITTER_SCOPES_H_

#include "base/byte_range.h"
#include "match/treesitter/tree.h"

#include <tree_sitter/api.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace keyshift::ts {

class Dialect;

enum class ScopeKind { Module, Class, Function, Block, Comprehension };

struct Binding {
  enum class Kind { Import, Local } kind = Kind::Local;
  std::string target; ///< Import: the dotted name, "openai.OpenAI"
  ByteRange at;       ///< the name where it is bound
  /// Local: the value bound there, for a plain `name = value`.
  TSNode value{};
  /// Import through require(): undone when the file binds `require`.
  bool via_require = false;
  /// Local: another name for `value`, a name or member chain, bound once
  /// and never reassigned (`const env = process.env`); resolve() sees
  /// through it.
  bool alias = false;
};

class Scopes;

/// What Dialect::declare records for the node the walk is at.
class ScopeBuilder {
public:
  /// Where a local binding goes: the innermost scope, or the nearest
  /// function (or module) scope, as JavaScript's `var` does.
  enum class Where { Innermost, Function };

  std::string_view text() const { return text_; }
  /// Opens a scope covering `node`; bindings made after this, while the
  /// walk is inside `node`, go into it. Bindings made before it (a
  /// function's name) stay in the enclosing scope.
  void open(TSNode node, ScopeKind kind);
  void bindLocal(TSNode name, TSNode value = TSNode{},
                 Where where = Where::Innermost);
  void bindLocal(std::string name, ByteRange at, TSNode value = TSNode{},
                 Where where = Where::Innermost);
  void bindImport(std::string name, ByteRange at, std::string target,
                  bool via_require = false, Where where = Where::Innermost);
  /// A local that stands for `value` (Binding::alias).
  void bindAlias(TSNode name, TSNode value, Where where = Where::Innermost);
  /// Binds every name a destructuring pattern declares (`a, (b, *c)`,
  /// `{ a, b: [c] }`), with `value` when the pattern is a lone name.
  /// `parts` says what a node holds: the nodes inside it that may bind,
  /// or nothing; a name (`is_name`) binds itself.
  void bindPattern(TSNode pattern, TSNode value, Where where,
                   bool (*is_name)(TSNode),
                   std::vector<TSNode> (*parts)(TSNode));
  /// Python's `global x` / `nonlocal x` in the innermost scope.
  void declareGlobal(std::string name);
  void declareNonlocal(std::string name);
  /// `from m import *`: names no scope binds may come from m.
  void addWildcard(std::string module);
  /// Whether the innermost scope is the module.
  bool atModuleLevel() const;

private:
  friend class Scopes;
  ScopeBuilder(Scopes &scopes, std::string_view text)
      : scopes_(scopes), text_(text) {}
  void bind(std::string name, Binding b, Where where);
  Scopes &scopes_;
  std::string_view text_;
  std::vector<int> stack_; ///< open scopes, innermost last
};

class Scopes {
public:
  static Scopes build(const Dialect &dialect, TSNode root,
                      std::string_view text);

  /// The dotted name an identifier or member chain refers to, where it is.
  std::optional<std::string> resolve(TSNode expr) const;
  /// The dotted name `name` refers to at `offset`.
  std::optional<std::string> resolveName(std::string_view name,
                                         std::size_t offset) const;
  /// The local name bound at module level to `target` ("os",
  /// "keyshift_shim.wrap") when no scope binds that name to anything else:
  /// code keyshift writes anywhere in the file may use it.
  std::optional<std::string> moduleAlias(std::string_view target) const;
  /// Whether any scope binds `name`.
  bool binds(std::string_view name) const;
  /// The one local binding `name` (at `reference`) refers to, when its
  /// scope binds it exactly once, with a value, and the name is used
  /// nowhere else in that scope but at `reference`: a value keyshift may
  /// edit in place for that one use.
  const Binding *soleUse(TSNode reference) const;
  /// The one local binding of the module scope `name` (at `offset`) refers
  /// to, with its value (`KEY = os.environ["X"]` at top level), or null.
  const Binding *moduleBinding(std::string_view name, std::size_t offset) const;
  /// The same in any scope: the one local binding with a value `name` (at
  /// `offset`) refers to, or null. `module_level` says where it is.
  const Binding *singleBinding(std::string_view name, std::size_t offset,
                               bool *module_level = nullptr) const;
  /// Every read of the binding `b` of `name` (where it is bound excluded),
  /// in file order: where a constant's value goes.
  std::vector<TSNode> referencesTo(std::string_view name,
                                   const Binding &b) const;
  const std::vector<std::string> &wildcardModules() const { return wildcards_; }
  std::string_view text() const { return text_; }

private:
  friend class ScopeBuilder;
  struct Scope {
    ScopeKind kind = ScopeKind::Module;
    TSNode node{};
    int parent = -1;
    std::map<std::string, std::vector<std::size_t>, std::less<>> names;
    std::vector<std::string> globals, nonlocals;
  };
  Scopes(const Dialect &dialect, std::string_view text)
      : dialect_(&dialect), text_(text) {}
  /// The innermost scope holding `offset`.
  int scopeAt(std::size_t offset) const;
  /// The scope whose binding of `name` applies at `offset`, or -1.
  int bindingScope(std::string_view name, std::size_t offset) const;
  std::optional<std::string> resolve(TSNode expr, int depth) const;
  std::optional<std::string> decide(const Scope &scope,
                                    std::string_view name) const;
  void applyDeclarations();

  const Dialect *dialect_;
  std::string_view text_;
  std::vector<Scope> scopes_;
  std::vector<Binding> bindings_;
  /// (offset, innermost scope from there on), sorted by offset.
  std::vector<std::pair<std::size_t, int>> breaks_;
  std::vector<std::string> wildcards_;
};

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_SCOPES_H_
