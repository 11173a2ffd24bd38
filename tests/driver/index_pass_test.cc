// The index pass reads a file without a trigger a second time only when
// the settings names it must look for were not all known when it first
// read it (issue 14: the second read of every quiet file was ~15% of a
// run's CPU). What is indexed, and so found, is the same either way: the
// golden corpus and PrefilterFindingsTest compare whole outputs.
#include "driver/driver.h"
#include "driver/engines.h"
#include "report/audit_log_writer.h"
#include "ruleset/rule_set.h"
#include "scan/fake_git_lister.h"
#include "scan/memory_file_system.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace keyshift {
namespace {

class IndexPassReadsTest : public ::testing::Test {
protected:
  void SetUp() override {
    auto rules = ruleset::loadRuleSet(ruleset::LoadOptions{});
    ASSERT_TRUE(rules.ok()) << rules.error().message;
    rules_ = std::move(rules).value();
    ProxyTarget proxy;
    proxy.base_url = "https://llm-proxy.example/v1";
    proxy.key_env = "LLM_PROXY_KEY";
    auto engines = driver::Engines::build(rules_, proxy);
    ASSERT_TRUE(engines.ok()) << engines.error().message;
    engines_ = std::make_unique<driver::Engines>(std::move(engines).value());
    // Walked in this order. The settings module is the only file with a
    // trigger; the user of its name has none.
    fs_.addFile("/repo/a_early.py", "RETRIES = 3\n");
    fs_.addFile("/repo/m_settings.py",
                "import os\nKEY = os.environ[\"OPENAI_API_KEY\"]\n");
    fs_.addFile("/repo/z_late.py", "TIMEOUT = 30\n");
    fs_.addFile("/repo/z_user.py",
                "from m_settings import KEY\nheaders = {\"key\": KEY}\n");
  }

  /// `audit` on one thread (files read in walk order); the audit log.
  std::string audit() {
    driver::DriverOptions options;
    options.walk.roots = {"."};
    options.walk.cwd = "/repo";
    options.threads = 1;
    options.keys.enabled = true;
    std::ostringstream out;
    report::AuditLogOptions ao;
    ao.deterministic = true;
    report::AuditLogWriter writer(out, ao);
    scan::FakeGitLister git;
    auto stats = driver::run(options, rules_, *engines_, fs_, git, writer);
    EXPECT_TRUE(stats.ok()) << stats.error().message;
    return out.str();
  }

  long reads(const std::string &path) const {
    std::vector<std::string> read = fs_.filesRead();
    return std::count(read.begin(), read.end(), "/repo/" + path);
  }

  ruleset::RuleSet rules_;
  std::unique_ptr<driver::Engines> engines_;
  scan::MemoryFileSystem fs_;
};

TEST_F(IndexPassReadsTest, AQuietFileReadAfterTheNamesWereFoundIsReadOnce) {
  std::string log = audit();
  // Read before KEY was known: looked at again for it.
  EXPECT_EQ(reads("a_early.py"), 2) << log;
  // Read after: looked at for KEY then, and neither the second step nor
  // the edit pass reads it again.
  EXPECT_EQ(reads("z_late.py"), 1) << log;
  // It mentions KEY: read again to be indexed, as before.
  EXPECT_GE(reads("z_user.py"), 2) << log;
}

} // namespace
} // namespace keyshift
