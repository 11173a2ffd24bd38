// keyshift test-rules [FILE...]: runs every rule's own examples (`sg test`):
// each `valid` snippet must produce no finding of the rule; each `invalid`
// one must produce one and, when it names an `output`, be rewritten to
// exactly that. Examples run against a fixed proxy (kExampleProxy) so rule
// files read the same everywhere, and may write @@FAKE_OPENAI_KEY@@ (or
// @@FAKE_OPENAI_PROJECT_KEY@@) where a key goes: a fake key is generated
// at run time, so no key-shaped string is ever committed.
#include "cli/commands.h"
#include "cli/run_command.h"
#include "driver/engines.h"
#include "driver/process_file.h"
#include "secrets/fake_key.h"

#include <ostream>

namespace keyshift::cli {
namespace {

const ProxyTarget kExampleProxy{"https://llm-proxy.example/v1", "LLM_PROXY_KEY",
                                ""};

std::string exampleName(Language lang) {
  switch (lang) {
  case Language::Python:
    return "example.py";
  case Language::JavaScript:
    return "example.js";
  case Language::TypeScript:
    return "example.ts";
  case Language::Tsx:
    return "example.tsx";
  case Language::Cpp:
    return "example.cc";
  default:
    return "example";
  }
}

/// The first failure of `rule`'s examples, or "" when all pass.
std::string checkRule(const ruleset::Rule &rule, const Matcher &matcher) {
  auto run = [&](const std::string &input) {
    SourceFile file(exampleName(rule.language), input, rule.language);
    FileOutcome outcome = driver::processFile(file, matcher, {&rule}, {});
    bool found = false;
    for (const Finding &f : outcome.findings)
      found = found || f.rule_id == rule.id;
    return std::make_pair(found, outcome.new_content);
  };
  for (std::size_t i = 0; i < rule.valid.size(); ++i) {
    std::string input = testing::substituteFakeKeys(rule.valid[i], i + 1);
    if (run(input).first)
      return "tests.valid[" + std::to_string(i) +
             "]: the rule reports this example\n" + input;
  }
  for (std::size_t i = 0; i < rule.invalid.size(); ++i) {
    const auto &ex = rule.invalid[i];
    std::uint64_t seed = 1000 + i;
    std::string input = testing::substituteFakeKeys(ex.input, seed);
    auto [found, output] = run(input);
    std::string where = "tests.invalid[" + std::to_string(i) + "]: ";
    if (!found)
      return where + "the rule does not report this example\n" + input;
    std::string expected =
        ex.output ? testing::substituteFakeKeys(*ex.output, seed) : input;
    if (output != expected)
      return where + "rewrite differs\n--- expected\n" + expected +
             "--- actual\n" + output;
  }
  return "";
}

} // namespace

ExitStatus runTestRules(const RawArgs &args, Io &io) {
  // With FILE arguments, only the rules those files define are tested.
  ruleset::LoadOptions lo;
  lo.builtin = args.positional.empty();
  lo.extra = args.all("rules");
  lo.extra.insert(lo.extra.end(), args.positional.begin(),
                  args.positional.end());
  lo.base_dir = io.cwd;
  auto rules = ruleset::loadRuleSet(lo);
  if (!rules.ok())
    return fail(io, rules.error());
  auto engines = driver::Engines::build(*rules, kExampleProxy);
  if (!engines.ok())
    return fail(io, engines.error());
  std::size_t passed = 0, failed = 0, skipped = 0;
  for (const ruleset::Rule &rule : rules->rules()) {
    const Matcher *matcher = engines->forLanguage(rule.language);
    if (!matcher) {
      ++skipped;
      io.out << "SKIP " << rule.id << ": no engine for "
             << languageName(rule.language) << " in this build\n";
      continue;
    }
    std::string failure = checkRule(rule, *matcher);
    if (failure.empty()) {
      ++passed;
      io.out << "PASS " << rule.id << " ("
             << rule.valid.size() + rule.invalid.size() << " examples)\n";
    } else {
      ++failed;
      io.out << "FAIL " << rule.id << " (" << rule.source << "): " << failure
             << "\n";
    }
  }
  io.out << passed << " passed, " << failed << " failed";
  if (skipped)
    io.out << ", " << skipped << " skipped";
  io.out << "\n";
  return failed ? ExitStatus::Findings : ExitStatus::Clean;
}

} // namespace keyshift::cli
