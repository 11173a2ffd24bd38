// The repository plan (DECISIONS "Flows and the hard rule"): built from the
// index pass over every file (every shard builds all of it), consulted by
// the edit pass. An environment variable name is one flow: every finding
// that reads, renames or relies on X moves, or none does; X is blocked when
// some consumer of it cannot move (a client left on OpenAI, a use of a
// settings name keyshift does not follow). Blocked findings become
// needs-review with the chain of sites (Finding::related).
#ifndef KEYSHIFT_DRIVER_REPO_PLAN_H_
#define KEYSHIFT_DRIVER_REPO_PLAN_H_

#include "base/source_file.h"
#include "finding/flow.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace keyshift::driver {

class RepoPlan {
public:
  /// Index pass: what one file binds and uses, and its findings as matched
  /// with an IndexPassQuery. Thread-safe.
  void add(const std::string &repo_path, const SourceFile &file,
           const ModuleFacts &facts, const std::vector<Finding> &findings);
  /// The names settings modules bind to key reads so far.
  std::vector<std::string> bindingNames() const;
  /// After the index pass: works out the blocked flows.
  void finish();

  /// The plan as the file at `repo_path` sees it (module-level names).
  std::unique_ptr<FlowQuery> forFile(const std::string &repo_path) const;
  /// Edit pass: findings of a blocked flow lose their change and say why;
  /// a settings read that moves lists the sites that move with it.
  void apply(const std::string &repo_path,
             std::vector<Finding> &findings) const;

  struct Binding {
    std::string module, name, env;
    RelatedSite site;
    std::size_t offset = 0;
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
  };
  struct FileRecord {
    std::string module;
    std::vector<Binding> bindings;
    std::vector<Use> uses;
    std::vector<Consumer> consumers;
  };

  /// Where code sets `env` from a value keyshift cannot check, if it does.
  std::optional<RelatedSite> setByCode(const std::string &env) const;
  /// The binding `symbol` names (absolute, maybe with trailing attributes),
  /// matched on module suffixes; null when none or ambiguous.
  const Binding *lookup(const std::string &symbol) const;
  /// `symbol` as Finding::key_symbol spells it, made absolute.
  std::string absolute(const std::string &repo_path,
                       const std::string &symbol) const;

private:
  mutable std::mutex mu_;
  std::map<std::string, FileRecord> files_; ///< by repo path
  std::multimap<std::string, const Binding *> by_suffix_;
  std::map<std::string, std::vector<RelatedSite>> blocked_; ///< env -> chain
  std::map<std::string, RelatedSite> set_by_code_; ///< env -> first writer
};

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_REPO_PLAN_H_
