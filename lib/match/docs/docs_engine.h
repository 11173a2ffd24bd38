// Documentation (Markdown, MDX, reStructuredText): each code block in a
// language keyshift reads goes through that language's engine as a file of
// its own, and its findings are mapped back into the document. A block is
// an example, not part of the application: it takes no part in the
// repository plan (it neither blocks nor follows the application's flows),
// and within it the hard rule holds as in any file. Blocks are reported;
// their changes are kept only with `--include-docs`.
#ifndef KEYSHIFT_MATCH_DOCS_DOCS_ENGINE_H_
#define KEYSHIFT_MATCH_DOCS_DOCS_ENGINE_H_

#include "match/matcher.h"

#include <map>
#include <memory>

namespace keyshift::docs {

class DocsEngine final : public Matcher {
public:
  /// `engines` by the language of the blocks they read (Python, JS/TS,
  /// Env, YAML, JSON, TOML); `rewrite` keeps the blocks' changes.
  DocsEngine(Language document,
             std::map<Language, std::shared_ptr<const Matcher>> engines,
             bool rewrite);
  /// `rules` are the candidates of every block language; each block gets
  /// those of its own.
  std::vector<Finding> match(const SourceFile &file,
                             const std::vector<const ruleset::Rule *> &rules,
                             const FlowQuery *flows = nullptr) const override;
  /// Documentation binds nothing and consumes nothing the plan follows.
  ModuleFacts indexAndMatch(const SourceFile &,
                            const std::vector<const ruleset::Rule *> &,
                            const FlowQuery *,
                            std::vector<Finding> &findings) const override {
    findings.clear();
    return {};
  }
  const SyntaxChecker &syntaxChecker() const override { return checker_; }

private:
  /// The errors of every block, each in its own language: a rewrite that
  /// breaks one is dropped.
  class Checker final : public SyntaxChecker {
  public:
    explicit Checker(const DocsEngine &engine) : engine_(engine) {}
    std::size_t errorCount(std::string_view content) const override;

  private:
    const DocsEngine &engine_;
  };
  const Matcher *engineFor(Language language) const;

  Language document_;
  std::map<Language, std::shared_ptr<const Matcher>> engines_;
  bool rewrite_;
  Checker checker_;
};

} // namespace keyshift::docs

#endif // KEYSHIFT_MATCH_DOCS_DOCS_ENGINE_H_
