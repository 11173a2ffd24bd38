// The repository plan (DECISIONS "Flows and the hard rule"): built from the
// index pass over every file (every shard builds all of it), consulted by
// the edit pass. An environment variable name is one flow: every finding
// that reads, renames or relies on X moves, or none does; X is blocked when
// some consumer of it cannot move (a client left on OpenAI, a use of a
// settings name keyshift does not follow). Blocked findings become
// needs-review with the chain of sites (Finding::related).
#ifndef KEYSHIFT_DRIVER_REPO_PLAN_H_
#define KEYSHIFT_DRIVER_REPO_PLAN_H_

#include "base/proxy_target.h"
#include "base/source_file.h"
#include "finding/flow.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace keyshift::driver {

class RepoPlan {
public:
  /// `models`: how the proxy names models, for the model flows.
  explicit RepoPlan(ModelPolicy models = {}) : models_(std::move(models)) {}

  /// Index pass: what one file binds and uses, and its findings as matched
  /// with an IndexPassQuery. Thread-safe. Returns the file's share of
  /// bindingNames(), so the index pass can look for them before every file
  /// has been added.
  std::vector<std::string> add(const std::string &repo_path,
                               const SourceFile &file, const ModuleFacts &facts,
                               const std::vector<Finding> &findings);
  /// The names settings modules bind to key reads so far, and the names
  /// model names are sent from (the index pass looks for the files that
  /// mention them): sorted, distinct, the union of what add() returned.
  /// Not while files are being added.
  std::vector<std::string> bindingNames() const;
  /// After the index pass: works out the blocked flows.
  void finish();

  /// The plan as the file at `repo_path` sees it (module-level names).
  std::unique_ptr<FlowQuery> forFile(const std::string &repo_path) const;
  /// Whether apply() may add findings to the file at `repo_path` (values
  /// of a model flow), so a file no rule matched must still be read.
  bool edits(const std::string &repo_path) const;
  /// Edit pass: findings of a blocked flow lose their change and say why;
  /// a settings read that moves lists the sites that move with it. With
  /// `file` (as matched in the edit pass), the values of model flows in it
  /// get their findings (model_flows.h).
  void apply(const std::string &repo_path, std::vector<Finding> &findings,
             const SourceFile *file = nullptr) const;

  struct Binding {
    std::string module, name, env;
    RelatedSite site;
    std::size_t offset = 0;
    bool exported = false;  ///< ModuleFacts::Binding::exported
    bool implicit = false;  ///< ModuleFacts::Binding::implicit: holds env
    bool name_only = false; ///< ModuleFacts::Binding::name_only
  };
  struct Use {
    std::string symbol; ///< absolute
    RelatedSite site;
    std::size_t offset = 0;
  };
  struct Consumer {
    std::vector<std::string> envs;
    std::string symbol; ///< absolute, or empty
    std::size_t key_at = 0;
    bool moves = false;
    RelatedSite site;
    /// Finding::escapes_to and Finding::opaque_key.
    std::optional<RelatedSite> escapes_to;
    bool opaque = false;
    /// A call of the SDK's module-level client (`openai.ChatCompletion
    /// .create`): it reads OPENAI_API_KEY itself unless its file sets
    /// `openai.api_key` (then the module configuration decides).
    bool sdk_default = false;
    /// Finding::client_symbol (as its file spells it) and
    /// Finding::client_symbols: a client only if the re-exports say so.
    std::string client_symbol;
    std::vector<std::string> client_symbols;
    bool client = false; ///< a client (else a key read passed to one)
  };
  /// A model name that is a module-level name (Finding::model_symbol).
  struct ModelUse {
    std::string symbol; ///< absolute once finish() has run
    std::size_t at = 0;
    bool moves = false; ///< its client moves (else: already on a proxy)
    std::vector<std::string> envs;
    std::string key_symbol; ///< the client's (as symbol), or empty
    RelatedSite site;
  };
  /// ModuleFacts::EnvValue, with where it is.
  struct Value {
    ModuleFacts::EnvValue value;
    RelatedSite site;
  };
  struct FileRecord {
    std::string module;
    std::vector<ModuleFacts::ReExport> reexports; ///< as written
    std::vector<Binding> bindings;
    std::vector<Use> uses;
    std::vector<Consumer> consumers;
    std::vector<ModelUse> model_uses;
    std::vector<Value> values;
    bool module_config = false; ///< sets `openai.api_key` (Python)
  };
  /// A variable whose every use is a model name sent with a client that
  /// moves (or is on a proxy already): its values take the proxy's naming.
  struct ModelFlow {
    bool moves = false;   ///< its clients move in this run
    bool renames = false; ///< some value takes another name
    std::string why;      ///< non-empty: its values are reported, not renamed
    std::vector<std::string> envs; ///< the clients' flows, and the variable
    std::vector<RelatedSite> uses;
  };

  /// Where code sets `env` from a value keyshift cannot check, if it does.
  std::optional<RelatedSite> setByCode(const std::string &env) const;
  /// The binding `symbol` names (absolute, maybe with trailing attributes),
  /// matched on module suffixes, also through re-exports; null when none or
  /// ambiguous.
  const Binding *lookup(const std::string &symbol) const;
  /// `symbol` and what it names through the re-exports of the modules it
  /// goes through (`lib.index.settings.x` -> `lib.settings.settings.x`
  /// after `export * from "./settings"` in lib/index.ts).
  std::vector<std::string> spellings(const std::string &symbol) const;
  /// FlowQuery::reExported for the file at `repo_path`: the spellings of
  /// `symbol` through re-exports that name no module of the index.
  std::vector<std::string> reExported(const std::string &repo_path,
                                      const std::string &symbol) const;
  /// `symbol` as Finding::key_symbol spells it, made absolute.
  std::string absolute(const std::string &repo_path,
                       const std::string &symbol) const;

private:
  /// One file's share of bindingNames().
  static std::vector<std::string> bindingNamesOf(const FileRecord &rec);
  /// Holds `env` back, with the chain that says why.
  void block(const std::string &env, std::vector<RelatedSite> chain);
  /// A use of an object some bindings are entries of.
  void blockWholeObject(const Use &u);
  /// Decides the clients whose class comes through a module of the
  /// repository (Consumer::client_symbol): kept, left on OpenAI, or no
  /// client at all.
  void proveClientClasses();
  /// The binding `symbol` names, without re-exports.
  const Binding *lookupDirect(const std::string &symbol) const;

  void proveModelFlows();
  void applyModelFlows(const std::string &repo_path, const SourceFile &file,
                       std::vector<Finding> &findings) const;

  ModelPolicy models_;
  mutable std::mutex mu_;
  std::map<std::string, FileRecord> files_; ///< by repo path
  std::multimap<std::string, const Binding *> by_suffix_;
  std::map<std::string, std::string> path_of_module_; ///< re-exporters
  std::set<std::string> modules_; ///< every module of the index
  std::map<std::string, std::vector<RelatedSite>> blocked_; ///< env -> chain
  std::map<std::string, RelatedSite> set_by_code_; ///< env -> first writer
  std::map<std::string, ModelFlow> model_flows_;   ///< by variable
  std::map<std::string, RelatedSite> refused_;     ///< why not a model flow
};

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_REPO_PLAN_H_
