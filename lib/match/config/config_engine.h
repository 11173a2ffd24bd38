// The config engine (DESIGN §3 lib/match/config): one Matcher for the
// formats whose rules match entries by key name and value (RE2) rather than
// by syntax-tree query. A Format turns a file into entries (entry.h); the
// rules' actions edit the key or value bytes of an entry:
//   rename-env-var       OPENAI_API_KEY=... -> K=...; a hard-coded key
//                        value goes with it (a renamed variable never keeps
//                        an OpenAI value)
//   replace-url-prefix   https://api.openai.com/v1/x -> B/x in a value
//   replace-secret-with-env  a hard-coded key value removed
//   report-only          reported
// The hard rule inside one file: a base URL or endpoint moves only in the
// same scope as a key that moves to K (or that is K already); otherwise it
// is needs-review. Across files a change names the key flow it belongs to
// (Finding::flow_envs), and the repository plan moves all of that flow's
// sites, code and config, or none (driver/repo_plan.h).
#ifndef KEYSHIFT_MATCH_CONFIG_CONFIG_ENGINE_H_
#define KEYSHIFT_MATCH_CONFIG_CONFIG_ENGINE_H_

#include "base/error.h"
#include "base/proxy_target.h"
#include "match/config/entry.h"
#include "match/matcher.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace re2 {
class RE2;
}

namespace keyshift::config {

/// How one file format is read.
class Format {
public:
  virtual ~Format() = default;
  /// What one read of a file gives: its entries in file order, and where
  /// it stops parsing (its first ERROR or MISSING node; nullopt when it
  /// parses, or for formats that read any text, lines).
  struct Reading {
    std::vector<Entry> entries;
    std::optional<std::size_t> first_error;
    /// Why the file is over the per-file work budget (match/treesitter/
    /// budget.h): nothing was read. Empty when within it.
    std::string over_budget;
  };
  virtual Reading read(const SourceFile &file) const = 0;
  /// How the replacement text of an edit inside an escaped value is
  /// written (JSON string escapes); unescaped values take it as is.
  virtual std::string escape(std::string_view text) const {
    return std::string(text);
  }
  virtual const SyntaxChecker &checker() const = 0;
};

class ConfigEngine final : public Matcher {
public:
  /// Compiles every rule's key-name pattern: a bad one is a configuration
  /// error naming the rule. `format` is owned by the engine.
  static Result<std::unique_ptr<ConfigEngine>>
  create(std::unique_ptr<Format> format,
         const std::vector<const ruleset::Rule *> &rules, ProxyTarget proxy);
  ~ConfigEngine() override;

  /// Config entries bind no module names: `flows` is not consulted here
  /// (the repository plan vetoes a change by its Finding::flow_envs).
  std::vector<Finding> match(const SourceFile &file,
                             const std::vector<const ruleset::Rule *> &rules,
                             const FlowQuery *flows = nullptr) const override;
  /// The values the file gives variables (env_values.h).
  ModuleFacts index(const SourceFile &file) const override;
  ModuleFacts indexAndMatch(const SourceFile &file,
                            const std::vector<const ruleset::Rule *> &rules,
                            const FlowQuery *flows,
                            std::vector<Finding> &findings) const override;
  const SyntaxChecker &syntaxChecker() const override {
    return format_->checker();
  }

  /// The findings for entries already read (the notebook and Markdown
  /// engines reuse the rule loop on entries of their own).
  std::vector<Finding>
  matchEntries(std::string_view content, const std::vector<Entry> &entries,
               const std::vector<const ruleset::Rule *> &rules) const;

private:
  ConfigEngine() = default;
  std::unique_ptr<Format> format_;
  ProxyTarget proxy_;
  std::map<std::string, std::shared_ptr<const re2::RE2>> patterns_; ///< by id
};

/// The Format of the line-based files (.env, shell, Dockerfile, Makefile),
/// telling them apart by file name.
std::unique_ptr<Format> lineFormat();
/// The Format of YAML files (yaml_format.h).
std::unique_ptr<Format> yamlFormat();
/// The Format of JSON files (json_format.h).
std::unique_ptr<Format> jsonFormat();
/// The Format of TOML files (toml_format.h).
std::unique_ptr<Format> tomlFormat();

} // namespace keyshift::config

#endif // KEYSHIFT_MATCH_CONFIG_CONFIG_ENGINE_H_
