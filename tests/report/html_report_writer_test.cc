#include "report/html_report_writer.h"
#include "report_test_util.h"

#include <gtest/gtest.h>

#include <sstream>

namespace keyshift::report {
namespace {

using testing::fakeProjectKey;
using testing::makeFinding;
using testing::makeOutcome;

std::size_t count(const std::string &text, const std::string &what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1))
    ++n;
  return n;
}

TEST(HtmlReportWriterTest, TotalsRowsProxyAndEditsEscapedAndRedacted) {
  std::string key = fakeProjectKey();
  HtmlReportOptions options{"openrouter", "https://openrouter.ai/api/v1",
                            "OPENROUTER_API_KEY", "", nullptr};
  // The source line holds the key: the redactor must see every text.
  options.redactor = [key](std::string_view text) {
    std::string s(text);
    for (auto at = s.find(key); at != std::string::npos; at = s.find(key))
      s.replace(at, key.size(), "sk-proj-...");
    return s;
  };
  std::ostringstream out;
  HtmlReportWriter writer(out, options);
  auto a = makeOutcome("a.py", "k = \"" + key + "\"  # <b>&\n");
  Finding secret = makeFinding(4, key.size() + 2, FindingKind::HardcodedKey);
  secret.severity = Severity::Error;
  secret.message = "hard-coded key <" + key + ">";
  secret.before = "\"" + key + "\"";
  secret.after = "os.environ[\"OPENROUTER_API_KEY\"]";
  Finding env = makeFinding(0, 1);
  env.after = "";
  a.outcome.findings = {secret, env};
  writer.file(a.outcome);
  auto b = makeOutcome("b.py", "x = 1\n");
  b.outcome.findings = {makeFinding(0, 1)};
  writer.file(b.outcome);
  writer.file(makeOutcome("clean.py", "y = 2\n").outcome);
  writer.problem({"bad.py", FileProblem::Kind::Error, "unreadable"});
  RunStats stats;
  stats.files_scanned = 4;
  stats.errors = 1;
  writer.endRun(stats);
  std::string html = out.str();

  EXPECT_EQ(html.find(key), std::string::npos);
  EXPECT_EQ(html.find("<b>&"), std::string::npos);
  EXPECT_NE(html.find("# &lt;b&gt;&amp;"), std::string::npos) << html;
  EXPECT_NE(html.find("hard-coded key &lt;sk-proj-...&gt;"), std::string::npos);
  EXPECT_NE(html.find("<span id=\"total\">3</span> findings in 2 of 4 files"),
            std::string::npos);
  EXPECT_EQ(count(html, "<tr class=\"finding\""), 3u);
  EXPECT_EQ(count(html, "<section class=\"file\">"), 2u);
  EXPECT_NE(html.find("<td>env-key-ref</td><td class=\"sev-warning\">warning"
                      "</td><td class=\"num\">2</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>hardcoded-key</td><td class=\"sev-error\">error"
                      "</td><td class=\"num\">1</td>"),
            std::string::npos);
  // Only findings with a proposed edit show one (not a.py's second).
  EXPECT_EQ(count(html, "<div class=\"edit\">"), 2u);
  EXPECT_NE(html.find("<ins><code>os.environ[&quot;OPENROUTER_API_KEY&quot;]"),
            std::string::npos);
  EXPECT_NE(html.find("<dt>base_url</dt><dd>https://openrouter.ai/api/v1</dd>"),
            std::string::npos);
  EXPECT_EQ(html.find("base_url_env"), std::string::npos);
  EXPECT_NE(html.find("<code>bad.py</code>: unreadable"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
}

TEST(HtmlReportWriterTest, KeysOnlyAuditSaysNoProxy) {
  std::ostringstream out;
  HtmlReportWriter writer(out, {});
  writer.endRun({});
  EXPECT_NE(out.str().find("none configured (keys-only audit)"),
            std::string::npos);
  EXPECT_NE(out.str().find("<span id=\"total\">0</span>"), std::string::npos);
}

} // namespace
} // namespace keyshift::report
