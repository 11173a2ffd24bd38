// Jupyter notebooks (.ipynb): each code cell goes through the Python
// engine as a file of its own (so `import os` lands in the cell that needs
// it), and its findings and edits are mapped back into the notebook's JSON
// (notebook_cells.h). Outputs, metadata and markdown cells are never
// rewritten; keys in outputs are the key scanner's (audit).
#ifndef KEYSHIFT_MATCH_NOTEBOOK_NOTEBOOK_ENGINE_H_
#define KEYSHIFT_MATCH_NOTEBOOK_NOTEBOOK_ENGINE_H_

#include "match/matcher.h"

#include <memory>
#include <vector>

namespace keyshift::notebook {

class NotebookEngine final : public Matcher {
public:
  /// `python` matches each cell, with the Python rules the driver passes;
  /// `env` with `env_rules` reads `%env NAME=value` lines.
  NotebookEngine(std::shared_ptr<const Matcher> python,
                 std::shared_ptr<const Matcher> env,
                 std::vector<const ruleset::Rule *> env_rules);
  std::vector<Finding> match(const SourceFile &file,
                             const std::vector<const ruleset::Rule *> &rules,
                             const FlowQuery *flows = nullptr) const override;
  const SyntaxChecker &syntaxChecker() const override { return checker_; }

private:
  /// JSON errors plus the Python errors of every code cell: a rewrite that
  /// breaks either is dropped.
  class Checker final : public SyntaxChecker {
  public:
    explicit Checker(const Matcher &python) : python_(python) {}
    std::size_t errorCount(std::string_view content) const override;

  private:
    const Matcher &python_;
  };
  std::shared_ptr<const Matcher> python_;
  std::shared_ptr<const Matcher> env_;
  std::vector<const ruleset::Rule *> env_rules_;
  Checker checker_;
};

} // namespace keyshift::notebook

#endif // KEYSHIFT_MATCH_NOTEBOOK_NOTEBOOK_ENGINE_H_
