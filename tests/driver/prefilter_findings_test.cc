// The prefilter only decides what is parsed, never what is found: on a
// generated corpus (bench/corpus/gen_corpus.py, with many OpenAI files and
// many near misses) plus hand-written near misses of the all-of triggers
// and the key confirmation, the audit log with the prefilter equals the
// audit log with every rule run on every file.
#include "driver/driver.h"
#include "driver/engines.h"
#include "report/audit_log_writer.h"
#include "ruleset/rule_set.h"
#include "scan/fake_git_lister.h"
#include "scan/memory_file_system.h"
#include "support/fake_key.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unistd.h>

namespace keyshift {
namespace {

namespace fs = std::filesystem;

/// Files whose literals pass one trigger of a rule but not the rest of it.
std::map<std::string, std::string> nearMisses() {
  std::string key = testing::substituteFakeKeys(
      std::string(testing::kFakeProjectKeyToken), 7);
  return {
      {"near/config.js", "import { Configuration } from \"./config\";\n"
                         "const c = new Configuration({ apiKey: k });\n"},
      {"near/legacy.js", "const { Configuration, OpenAIApi } = "
                         "require(\"openai\");\nconst c = new Configuration({"
                         " apiKey: process.env.OPENAI_API_KEY });\n"},
      {"near/azure.ts", "const region = \"AzureWest\";\n"},
      {"near/settings.py", "class Settings:\n    api_key = 'x'\n"
                           "s = Settings()\ns.api_key = load()\n"},
      {"near/module.py", "import openai\nopenai.api_key = load_key()\n"},
      {"near/llm.py", "import langchain\nchain = langchain.Chain()\n"},
      {"near/llm_openai.py", "from langchain_openai import ChatOpenAI\n"
                             "llm = ChatOpenAI(model=\"m\")\n"},
      {"near/queue.py", "QUEUE = \"task-queue\"\nDISK = 'disk-usage'\n"},
      {"near/key.py", "KEY = \"" + key + "\"\n"},
      {"near/key.js", "const key = '" + key + "';\n"},
      {"near/key.env", "OPENAI_API_KEY=" + key + "\n"},
      {"near/placeholder.py", "KEY = \"sk-your-key-here\"\n"},
  };
}

class PrefilterFindingsTest : public ::testing::Test {
protected:
  void SetUp() override {
    corpus_ = fs::temp_directory_path() /
              ("keyshift-prefilter-" + std::to_string(::getpid()));
    fs::remove_all(corpus_);
    std::string cmd = "python3 '" KEYSHIFT_SOURCE_DIR
                      "/bench/corpus/gen_corpus.py' '" +
                      corpus_.string() +
                      "' --files 600 --trigger-rate 0.2 "
                      "--near-miss-rate 0.2 --seed 14 > /dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    auto rules = ruleset::loadRuleSet(ruleset::LoadOptions{});
    ASSERT_TRUE(rules.ok()) << rules.error().message;
    rules_ = std::move(rules).value();
    auto engines = driver::Engines::build(
        rules_,
        ProxyTarget{"https://llm-proxy.example/v1", "LLM_PROXY_KEY", ""});
    ASSERT_TRUE(engines.ok()) << engines.error().message;
    engines_ = std::make_unique<driver::Engines>(std::move(engines).value());
  }
  void TearDown() override { fs::remove_all(corpus_); }

  std::string audit(bool every_rule, unsigned threads) {
    scan::MemoryFileSystem mfs;
    for (const auto &entry : fs::recursive_directory_iterator(corpus_))
      if (entry.is_regular_file())
        mfs.addFile("/repo/" + fs::relative(entry.path(), corpus_).string(),
                    testing::readText(entry.path()));
    for (const auto &[path, bytes] : nearMisses())
      mfs.addFile("/repo/" + path, bytes);
    driver::DriverOptions options;
    options.walk.roots = {"."};
    options.walk.cwd = "/repo";
    options.threads = threads;
    options.keys.enabled = true; // as `audit` runs it
    options.test_hooks.every_rule = every_rule;
    std::ostringstream out;
    report::AuditLogOptions ao;
    ao.deterministic = true;
    report::AuditLogWriter writer(out, ao);
    scan::FakeGitLister git; // no work tree: a plain walk
    auto stats = driver::run(options, rules_, *engines_, mfs, git, writer);
    EXPECT_TRUE(stats.ok()) << stats.error().message;
    return out.str();
  }

  fs::path corpus_;
  ruleset::RuleSet rules_;
  std::unique_ptr<driver::Engines> engines_;
};

TEST_F(PrefilterFindingsTest, AuditLogEqualsEveryRuleOnEveryFile) {
  std::string reference = audit(/*every_rule=*/true, 2);
  std::string filtered = audit(/*every_rule=*/false, 2);
  // The corpus is not trivial: every kind the generator plants is there.
  for (const char *kind :
       {"\"client-construction\"", "\"env-key-ref\"", "\"hardcoded-key\"",
        "\"endpoint-literal\"", "\"module-config\""})
    EXPECT_NE(reference.find(kind), std::string::npos) << kind;
  EXPECT_NE(reference.find("near/legacy.js"), std::string::npos);
  EXPECT_NE(reference.find("near/module.py"), std::string::npos);
  EXPECT_EQ(filtered, reference);
  EXPECT_EQ(audit(false, 1), reference) << "threads change nothing";
}

} // namespace
} // namespace keyshift
