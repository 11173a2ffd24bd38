// What the engines and the repository plan tell each other about flows of
// keys between files (DECISIONS "Flows and the hard rule"). Language-free:
// an engine reports a file's ModuleFacts in the index pass and asks a
// FlowQuery while it matches in the edit pass; the driver builds the plan.
#ifndef KEYSHIFT_FINDING_FLOW_H_
#define KEYSHIFT_FINDING_FLOW_H_

#include "finding/finding.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift {

/// The names one file binds and uses at module level, for the index.
struct ModuleFacts {
  /// `NAME = os.environ["X"]` at module level (a settings module).
  struct Binding {
    std::string name;
    std::string env;
    std::size_t offset = 0;
    /// A JS export (Dialect::moduleValues): other modules may reach it by
    /// names the plan cannot resolve (a path alias, a re-export).
    bool exported = false;
    /// Non-empty when no code reads the variable here and keyshift cannot
    /// rename what does (a pydantic settings field reads it by itself):
    /// what reads it, for the chain. Such a binding holds its flow.
    std::string implicit;
    /// The name holds the variable's name, not its value (`KEY_ENV =
    /// "OPENAI_API_KEY"`, read in its module only as `os.getenv(KEY_ENV)`,
    /// match/treesitter/name_constant.h): renamed with the flow there, it
    /// holds the flow when another module uses it (keyshift does not
    /// follow the name there).
    bool name_only = false;
  };
  /// A reference to a module-level name of another module (or this one's
  /// own binding): symbol as in Finding::key_symbol.
  struct Use {
    std::string symbol;
    std::size_t offset = 0;
  };
  /// A literal that supplies an environment variable's value: the
  /// default of a module-level read (`os.getenv("M", "gpt-4o-mini")`, its
  /// `binding` the name it is bound to) or a config assignment (`M=...`,
  /// `${M:-...}`, no binding). The plan rewrites model names there
  /// (RepoPlan "model flows").
  struct EnvValue {
    std::string env;
    std::string value; ///< as the reader gets it
    ByteRange range;   ///< its bytes, inside any quotes
    std::string binding;
  };
  /// `export { a as b } from "./m"` -> {"b", "./m.a"}; `export * from
  /// "./m"` -> {"*", "./m"}: another module's names under this one's, the
  /// target spelled as an import of it would be (Finding::key_symbol).
  struct ReExport {
    std::string name;
    std::string from;
  };
  std::vector<Binding> bindings;
  std::vector<Use> uses;
  std::vector<ReExport> reexports;
  std::vector<EnvValue> env_values;
};

/// Whether a Finding::key_symbol names this module's own binding ("@KEY"),
/// not a module that happens to start with '@' (a scoped package or a
/// TypeScript path alias: "@acme/config.KEY", "@/env.env.KEY").
inline bool isOwnSymbol(std::string_view symbol) {
  return symbol.starts_with('@') && symbol.find('/') == std::string_view::npos;
}

/// What a class imported from a module of the repository is, given the
/// names FlowQuery::reExported says it reaches and the names a client rule
/// takes (`wanted`): one of them, maybe one of them (the name, spelled as
/// one of them, sits in a module the index could not read: a relative
/// module it did not find, or a path alias `@/…`, `~/…`, `#…`), or not.
enum class ReExportedClass { No, Yes, Maybe };
inline ReExportedClass reExportedClass(const std::vector<std::string> &reached,
                                       const std::vector<std::string> &wanted) {
  auto last = [](std::string_view s) { return s.substr(s.rfind('.') + 1); };
  ReExportedClass out = ReExportedClass::No;
  for (std::string_view r : reached) {
    for (std::string_view w : wanted) {
      if (r == w)
        return ReExportedClass::Yes;
      bool unfollowed = r.starts_with("./") || r.starts_with("../") ||
                        r.starts_with("@/") || r.starts_with("~/") ||
                        r.starts_with('#');
      if (unfollowed && w.find('.') != std::string_view::npos &&
          last(r) == last(w))
        out = ReExportedClass::Maybe;
    }
  }
  return out;
}

/// Where a client's key comes from, when it is a module-level name.
struct KeySource {
  std::string env;  ///< the variable the name holds a read of
  RelatedSite site; ///< where it is read
};

/// The plan as one file sees it.
class FlowQuery {
public:
  virtual ~FlowQuery() = default;
  /// The variable `symbol` (see Finding::key_symbol) holds, as used in the
  /// file being matched; nullopt when the index does not know it.
  virtual std::optional<KeySource> keySource(std::string_view symbol) const = 0;
  /// A site where code sets `env` from a value keyshift cannot check
  /// (Finding::sets_env), anywhere in the repository; nullopt when none.
  virtual std::optional<RelatedSite> setByCode(std::string_view /*env*/) const {
    return std::nullopt;
  }
  /// What a name imported from a module of the repository
  /// (Scopes::resolve: "./sdk.OpenAI") is outside it, through the
  /// re-exports the index read: `export { OpenAI } from "openai"` in
  /// sdk.ts gives "openai.OpenAI". A name still spelled relative
  /// ("./gone.OpenAI") or through a path alias ("@/lib/ai.OpenAI") is one
  /// the index could not follow. Empty when a module of the repository
  /// binds the name itself (or the plan does not know it).
  virtual std::vector<std::string>
  reExported(std::string_view /*symbol*/) const {
    return {};
  }
  /// The index pass: no plan yet. An engine then takes a key from another
  /// module as if it moved, and says so in Finding::key_symbol, so the
  /// plan learns which clients could move with it.
  virtual bool indexing() const { return false; }
};

/// The FlowQuery of the index pass.
class IndexPassQuery final : public FlowQuery {
public:
  std::optional<KeySource> keySource(std::string_view) const override {
    return std::nullopt;
  }
  bool indexing() const override { return true; }
};

} // namespace keyshift

#endif // KEYSHIFT_FINDING_FLOW_H_
