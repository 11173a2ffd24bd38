// keyshift test-rules [FILE...]: runs every rule's own examples (`sg test`):
// each `valid` snippet must produce no finding of the rule; each `invalid`
// one must produce one and, when it names an `output`, be rewritten to
// exactly that. Examples run against a fixed proxy (kExampleProxy) so rule
// files read the same everywhere, and may write @@FAKE_OPENAI_KEY@@ (or
// @@FAKE_OPENAI_PROJECT_KEY@@) where a key goes: a fake key is generated
// at run time, so no key-shaped string is ever committed.
#include "cli/commands.h"
#include "cli/quoted_text.h"
#include "cli/run_command.h"
#include "driver/cpp_batch.h"
#include "driver/engines.h"
#include "driver/process_file.h"
#include "secrets/fake_key.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
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

/// Runs one example through the rule: did it report, and the new text.
using ExampleRunner =
    std::function<std::pair<bool, std::string>(const std::string &input)>;

std::pair<bool, std::string> summarize(const ruleset::Rule &rule,
                                       const FileOutcome &outcome) {
  bool found = false;
  for (const Finding &f : outcome.findings)
    found = found || f.rule_id == rule.id;
  return {found, outcome.new_content};
}

/// Per-file engines: the example is an in-memory file.
ExampleRunner fileRunner(const ruleset::Rule &rule, const Matcher &matcher) {
  return [&rule, &matcher](const std::string &input) {
    SourceFile file(exampleName(rule.language), input, rule.language);
    return summarize(rule, driver::processFile(file, matcher, {&rule}, {}));
  };
}

/// C++ goes through Clang, which reads files: the example is written to a
/// scratch directory and parsed there with fallback flags.
ExampleRunner cppRunner(const ruleset::Rule &rule, const std::string &dir) {
  return [&rule, dir](const std::string &input) {
    std::string path = dir + "/" + exampleName(rule.language);
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << input;
    }
    ruleset::RuleSet only({rule});
    auto batch = driver::runCppBatch(only, {path}, kExampleProxy,
                                     driver::CppOptions{dir, {}, {}}, 1);
    std::vector<Finding> findings;
    if (batch.ok()) {
      auto it = batch->findings.find(path);
      if (it != batch->findings.end())
        findings = it->second;
    }
    SourceFile file(exampleName(rule.language), input, rule.language);
    return summarize(rule,
                     driver::reconcile(file, std::move(findings), nullptr, {}));
  };
}

/// The first failure of `rule`'s examples, or "" when all pass.
std::string checkRule(const ruleset::Rule &rule, const ExampleRunner &run) {
  // Positions and fake keys follow the file's lists, so an example of a
  // rule for several languages reads the same in each language's report.
  for (const ruleset::RuleExample &ex : rule.valid) {
    std::string input = testing::substituteFakeKeys(ex.input, ex.index + 1);
    if (run(input).first)
      return "tests.valid[" + std::to_string(ex.index) +
             "]: the rule reports this example\n" + input;
  }
  for (const ruleset::RuleExample &ex : rule.invalid) {
    std::uint64_t seed = 1000 + ex.index;
    std::string input = testing::substituteFakeKeys(ex.input, seed);
    auto [found, output] = run(input);
    std::string where = "tests.invalid[" + std::to_string(ex.index) + "]: ";
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

/// A directory under $TMPDIR for the run, removed at the end.
class ScratchDir {
public:
  ScratchDir() {
    std::error_code ec;
    auto base = std::filesystem::temp_directory_path(ec);
    std::string tmpl = (ec ? std::string("/tmp") : base.string()) +
                       "/keyshift-test-rules-XXXXXX";
    if (char *made = ::mkdtemp(tmpl.data()))
      path_ = made;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty())
      std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir &) = delete;
  ScratchDir &operator=(const ScratchDir &) = delete;
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

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
  // Every query now: a broken built-in one is this command's to report.
  auto engines = driver::Engines::build(*rules, kExampleProxy, {},
                                        /*all_queries_now=*/true);
  if (!engines.ok())
    return fail(io, engines.error());
  ScratchDir scratch;
  if (scratch.path().empty())
    return fail(io, makeError(ErrorCode::Io,
                              "cannot create a scratch directory for the C++ "
                              "examples"));
  std::size_t passed = 0, failed = 0, skipped = 0;
  for (const ruleset::Rule &rule : rules->rules()) {
    const Matcher *matcher = engines->forLanguage(rule.language);
    bool cpp = rule.language == Language::Cpp && driver::cppSupported();
    if (!matcher && !cpp) {
      ++skipped;
      io.out << "SKIP " << rule.id << ": no engine for "
             << languageName(rule.language) << " in this build\n";
      continue;
    }
    std::string failure = checkRule(rule, cpp ? cppRunner(rule, scratch.path())
                                              : fileRunner(rule, *matcher));
    if (failure.empty()) {
      ++passed;
      io.out << "PASS " << rule.id << " ("
             << rule.valid.size() + rule.invalid.size() << " examples)\n";
    } else {
      ++failed;
      io.out << "FAIL " << rule.id << " (" << safeText(rule.source)
             << "): " << failure << "\n";
    }
  }
  io.out << passed << " passed, " << failed << " failed";
  if (skipped)
    io.out << ", " << skipped << " skipped";
  io.out << "\n";
  return failed ? ExitStatus::Findings : ExitStatus::Clean;
}

} // namespace keyshift::cli
