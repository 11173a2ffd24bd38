// libFuzzer entry point for the Python pipeline (lib/match/python through
// driver::processFile, built-in rules, the golden tests' proxy): arbitrary
// bytes as a .py file. Checked on every input:
//   - findings lie inside the content, and so do the accepted edits, which
//     are sorted, disjoint, and give new_content when applied;
//   - the rewrite never adds syntax errors;
//   - idempotency: when the input parses cleanly, the rewritten file
//     processed again proposes no further edits.
#include "driver/engines.h"
#include "driver/process_file.h"
#include "rewrite/apply.h"
#include "ruleset/rule_set.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace keyshift;

void check(bool ok) {
  if (!ok)
    std::abort();
}

struct Pipeline {
  ruleset::RuleSet rules;
  std::unique_ptr<driver::Engines> engines;
  const Matcher *matcher = nullptr;
  std::vector<const ruleset::Rule *> python_rules;
};

const Pipeline &pipeline() {
  static const Pipeline *p = [] {
    auto *made = new Pipeline;
    auto rules = ruleset::loadRuleSet(ruleset::LoadOptions{});
    check(rules.ok());
    made->rules = std::move(rules).value();
    auto engines = driver::Engines::build(
        made->rules,
        ProxyTarget{"https://llm-proxy.example/v1", "LLM_PROXY_KEY", ""});
    check(engines.ok());
    made->engines =
        std::make_unique<driver::Engines>(std::move(engines).value());
    made->matcher = made->engines->forLanguage(Language::Python);
    check(made->matcher != nullptr);
    made->python_rules = made->rules.forLanguage(Language::Python);
    check(!made->python_rules.empty());
    return made;
  }();
  return *p;
}

void checkOutcome(const SourceFile &file, const FileOutcome &outcome) {
  const std::size_t size = file.content().size();
  for (const Finding &f : outcome.findings)
    check(f.range.end() <= size);
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < outcome.edits.size(); ++i) {
    const Edit &e = outcome.edits[i];
    check(e.range.end() <= size);
    check(i == 0 || e.range.offset >= previous_end);
    previous_end = e.range.end();
  }
  auto applied = applyEdits(file.content(), outcome.edits);
  check(applied.ok());
  check(*applied == outcome.new_content);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  const Pipeline &p = pipeline();
  const SourceFile file("fuzz.py",
                        std::string(reinterpret_cast<const char *>(data), size),
                        Language::Python);
  const FileOutcome outcome =
      driver::processFile(file, *p.matcher, p.python_rules, {});
  checkOutcome(file, outcome);
  if (!outcome.changed())
    return 0;

  const SyntaxChecker &checker = p.matcher->syntaxChecker();
  const std::size_t errors_before = checker.errorCount(file.content());
  check(checker.errorCount(outcome.new_content) <= errors_before);
  if (errors_before != 0)
    return 0;

  const SourceFile again("fuzz.py", file.withBom(outcome.new_content),
                         Language::Python);
  const FileOutcome second =
      driver::processFile(again, *p.matcher, p.python_rules, {});
  checkOutcome(again, second);
  check(!second.changed());
  return 0;
}
