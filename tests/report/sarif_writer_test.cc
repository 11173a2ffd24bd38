#include "report/sarif_writer.h"
#include "report_test_util.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace keyshift::report {
namespace {

using nlohmann::json;
using testing::fakeProjectKey;
using testing::makeEdit;
using testing::makeFinding;
using testing::makeOutcome;

/// The SARIF 2.1.0 objects keyshift writes, with the properties the schema
/// allows on each ("additionalProperties": false) and the type of each
/// child: "" a plain value, "[t" an array of t, "{t" a map of t.
using PropertyTable = std::map<std::string, std::map<std::string, std::string>>;
const PropertyTable &sarifProperties() {
  static const PropertyTable table = {
      {"sarifLog", {{"$schema", ""}, {"version", ""}, {"runs", "[run"}}},
      {"run",
       {{"tool", "tool"},
        {"invocations", "[invocation"},
        {"originalUriBaseIds", "{artifactLocation"},
        {"columnKind", ""},
        {"results", "[result"}}},
      {"tool", {{"driver", "toolComponent"}}},
      {"toolComponent",
       {{"name", ""},
        {"version", ""},
        {"informationUri", ""},
        {"rules", "[reportingDescriptor"}}},
      {"reportingDescriptor",
       {{"id", ""},
        {"shortDescription", "multiformatMessageString"},
        {"fullDescription", "multiformatMessageString"},
        {"help", "multiformatMessageString"},
        {"helpUri", ""},
        {"defaultConfiguration", "reportingConfiguration"},
        {"properties", ""}}},
      {"multiformatMessageString", {{"text", ""}, {"markdown", ""}}},
      {"reportingConfiguration", {{"level", ""}, {"enabled", ""}}},
      {"invocation",
       {{"executionSuccessful", ""},
        {"toolExecutionNotifications", "[notification"}}},
      {"notification",
       {{"level", ""}, {"message", "message"}, {"locations", "[location"}}},
      {"message", {{"text", ""}, {"id", ""}}},
      {"location", {{"physicalLocation", "physicalLocation"}}},
      {"physicalLocation",
       {{"artifactLocation", "artifactLocation"}, {"region", "region"}}},
      {"artifactLocation", {{"uri", ""}, {"uriBaseId", ""}}},
      {"region",
       {{"startLine", ""},
        {"startColumn", ""},
        {"endLine", ""},
        {"endColumn", ""}}},
      {"result",
       {{"ruleId", ""},
        {"ruleIndex", ""},
        {"level", ""},
        {"message", "message"},
        {"locations", "[location"},
        {"partialFingerprints", ""},
        {"fixes", "[fix"},
        {"properties", ""}}},
      {"fix",
       {{"description", "message"}, {"artifactChanges", "[artifactChange"}}},
      {"artifactChange",
       {{"artifactLocation", "artifactLocation"},
        {"replacements", "[replacement"}}},
      {"replacement",
       {{"deletedRegion", "region"}, {"insertedContent", "artifactContent"}}},
      {"artifactContent", {{"text", ""}, {"binary", ""}}},
  };
  return table;
}

std::string pointer(const std::string &at, std::string_view key) {
  std::string out = at;
  out += '/';
  out += key;
  return out;
}

/// The first property the schema does not allow where it appears, or "".
std::string unknownProperty(const json &node, const std::string &type,
                            const std::string &at) {
  if (!node.is_object())
    return at + ": not an object";
  const auto &allowed = sarifProperties().at(type);
  for (const auto &[key, child] : node.items()) {
    auto it = allowed.find(key);
    if (it == allowed.end())
      return pointer(at, key).append(": not a property of ").append(type);
    const std::string &child_type = it->second;
    if (child_type.empty())
      continue;
    if (child_type[0] == '[' || child_type[0] == '{') {
      std::size_t i = 0;
      for (const auto &item : child) {
        std::string found =
            unknownProperty(item, child_type.substr(1),
                            pointer(pointer(at, key), std::to_string(i++)));
        if (!found.empty())
          return found;
      }
      continue;
    }
    std::string found = unknownProperty(child, child_type, pointer(at, key));
    if (!found.empty())
      return found;
  }
  return "";
}

/// Checks the properties SARIF 2.1.0's schema marks required, and the enums
/// and minimums keyshift's output touches; returns the first violation.
class SarifShape {
public:
  std::string check(const json &log) {
    require(log, "", {"version", "runs"});
    if (!error_.empty())
      return error_;
    expect(unknownProperty(log, "sarifLog", "").empty(),
           unknownProperty(log, "sarifLog", ""));
    expect(log["version"] == "2.1.0", "/version is not 2.1.0");
    expect(log["runs"].is_array() && log["runs"].size() == 1,
           "/runs must hold one run");
    if (!error_.empty())
      return error_;
    const json &run = log["runs"][0];
    require(run, "/runs/0", {"tool"});
    if (!error_.empty())
      return error_;
    require(run["tool"], "/runs/0/tool", {"driver"});
    if (!error_.empty())
      return error_;
    const json &driver = run["tool"]["driver"];
    require(driver, "/runs/0/tool/driver", {"name"});
    if (driver.contains("rules"))
      for (std::size_t i = 0; i < driver["rules"].size(); ++i) {
        std::string at = "/runs/0/tool/driver/rules/" + std::to_string(i);
        const json &rule = driver["rules"][i];
        require(rule, at, {"id"});
        for (const char *m : {"shortDescription", "fullDescription", "help"})
          if (rule.contains(m))
            require(rule[m], at + "/" + m, {"text"});
        if (rule.contains("defaultConfiguration"))
          level(rule["defaultConfiguration"].value("level", "warning"), at);
      }
    if (run.contains("columnKind"))
      expect(run["columnKind"] == "utf16CodeUnits" ||
                 run["columnKind"] == "unicodeCodePoints",
             "/runs/0/columnKind: bad value");
    for (std::size_t i = 0; i < run.value("invocations", json::array()).size();
         ++i) {
      std::string at = "/runs/0/invocations/" + std::to_string(i);
      const json &inv = run["invocations"][i];
      require(inv, at, {"executionSuccessful"});
      expect(inv["executionSuccessful"].is_boolean(),
             at + "/executionSuccessful: not a boolean");
      for (const json &n :
           inv.value("toolExecutionNotifications", json::array())) {
        require(n, at + "/toolExecutionNotifications", {"message"});
        messageShape(n.value("message", json()), at);
        level(n.value("level", "warning"), at);
      }
    }
    for (std::size_t i = 0; i < run.value("results", json::array()).size();
         ++i) {
      std::string at = "/runs/0/results/" + std::to_string(i);
      const json &r = run["results"][i];
      require(r, at, {"message"});
      messageShape(r.value("message", json()), at);
      if (r.contains("level"))
        level(r["level"], at);
      for (const json &loc : r.value("locations", json::array()))
        if (loc.contains("physicalLocation")) {
          const json &p = loc["physicalLocation"];
          require(p.value("artifactLocation", json()), at + "/artifactLocation",
                  {"uri"});
          region(p.value("region", json::object()), at + "/region");
        }
      if (r.contains("partialFingerprints"))
        for (const auto &[k, v] : r["partialFingerprints"].items())
          expect(v.is_string(), at + "/partialFingerprints/" += k);
      for (const json &fix : r.value("fixes", json::array())) {
        require(fix, at + "/fixes", {"artifactChanges"});
        for (const json &change : fix.value("artifactChanges", json::array())) {
          require(change, at + "/artifactChanges",
                  {"artifactLocation", "replacements"});
          for (const json &rep : change.value("replacements", json::array())) {
            require(rep, at + "/replacements", {"deletedRegion"});
            region(rep.value("deletedRegion", json::object()),
                   at + "/deletedRegion");
          }
        }
      }
    }
    return error_;
  }

private:
  void expect(bool ok, const std::string &what) {
    if (!ok && error_.empty())
      error_ = what;
  }
  void require(const json &obj, const std::string &at,
               std::initializer_list<const char *> keys) {
    if (!obj.is_object()) {
      expect(false, at + ": not an object");
      return;
    }
    for (const char *k : keys)
      expect(obj.contains(k), at + ": missing required '" + k + "'");
  }
  void messageShape(const json &m, const std::string &at) {
    expect(m.is_object() && (m.contains("text") || m.contains("id")),
           at + "/message: needs text or id");
  }
  void level(const json &l, const std::string &at) {
    expect(l == "none" || l == "note" || l == "warning" || l == "error",
           at + ": bad level");
  }
  void region(const json &r, const std::string &at) {
    for (const char *k : {"startLine", "startColumn", "endLine", "endColumn"})
      expect(!r.contains(k) || (r[k].is_number_integer() && r[k] >= 1),
             at + "/" + k + ": must be an integer >= 1");
  }

  std::string error_;
};

std::vector<RuleInfo> sampleRules() {
  return {{"py-hardcoded-key", "hard-coded OpenAI key",
           "Keys belong in the environment; keyshift reads LLM_KEY instead.",
           Severity::Error, FindingKind::HardcodedKey, ""},
          {"py-env-key", "reads OPENAI_API_KEY", "", Severity::Warning,
           FindingKind::EnvKeyRef, ""}};
}

TEST(SarifWriterTest, WritesTheWholeLogAtEndRun) {
  std::ostringstream out;
  SarifOptions options;
  options.tool_version = "1.2.3";
  options.information_uri = "https://example.invalid/keyshift";
  SarifWriter writer(out, sampleRules(), options);
  auto o = makeOutcome("src/my app.py",
                       "\xC3\xA9 = os.getenv(\"OPENAI_API_KEY\")\n");
  Finding f = makeFinding(15, 16);
  f.change = ChangeGroup{"py-env-key", {makeEdit(16, 14, "LLM_KEY")}};
  o.outcome.findings = {f};
  writer.file(o.outcome);
  writer.problem(
      FileProblem{"data.bin", FileProblem::Kind::Skipped, "binary file"});
  EXPECT_EQ(out.str(), "");
  RunStats stats;
  writer.endRun(stats);
  EXPECT_EQ(out.str(), R"({
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "keyshift",
          "version": "1.2.3",
          "informationUri": "https://example.invalid/keyshift",
          "rules": [
            {
              "id": "py-hardcoded-key",
              "shortDescription": {
                "text": "hard-coded OpenAI key"
              },
              "fullDescription": {
                "text": "Keys belong in the environment; keyshift reads LLM_KEY instead."
              },
              "help": {
                "text": "Keys belong in the environment; keyshift reads LLM_KEY instead."
              },
              "defaultConfiguration": {
                "level": "error"
              },
              "helpUri": "https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety",
              "properties": {
                "security-severity": "9.0",
                "tags": [
                  "security",
                  "external/cwe/cwe-798"
                ]
              }
            },
            {
              "id": "py-env-key",
              "shortDescription": {
                "text": "reads OPENAI_API_KEY"
              },
              "fullDescription": {
                "text": "reads OPENAI_API_KEY"
              },
              "help": {
                "text": "reads OPENAI_API_KEY"
              },
              "defaultConfiguration": {
                "level": "warning"
              }
            }
          ]
        }
      },
      "invocations": [
        {
          "executionSuccessful": true,
          "toolExecutionNotifications": [
            {
              "level": "note",
              "message": {
                "text": "skipped: binary file"
              },
              "locations": [
                {
                  "physicalLocation": {
                    "artifactLocation": {
                      "uri": "data.bin"
                    }
                  }
                }
              ]
            }
          ]
        }
      ],
      "columnKind": "unicodeCodePoints",
      "results": [
        {
          "ruleId": "py-env-key",
          "ruleIndex": 1,
          "level": "warning",
          "message": {
            "text": "reads OPENAI_API_KEY"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "src/my%20app.py",
                  "uriBaseId": "%SRCROOT%"
                },
                "region": {
                  "startLine": 1,
                  "startColumn": 15,
                  "endLine": 1,
                  "endColumn": 31
                }
              }
            }
          ],
          "fixes": [
            {
              "description": {
                "text": "reads OPENAI_API_KEY"
              },
              "artifactChanges": [
                {
                  "artifactLocation": {
                    "uri": "src/my%20app.py",
                    "uriBaseId": "%SRCROOT%"
                  },
                  "replacements": [
                    {
                      "deletedRegion": {
                        "startLine": 1,
                        "startColumn": 16,
                        "endLine": 1,
                        "endColumn": 30
                      },
                      "insertedContent": {
                        "text": "LLM_KEY"
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "kind": "env-key-ref",
            "action": "rewritten"
          }
        }
      ]
    }
  ]
}
)");
  EXPECT_EQ(SarifShape().check(json::parse(out.str())), "");
}

TEST(SarifWriterTest, SecretsGetPartialFingerprintsAndNeverTheKey) {
  std::ostringstream out;
  SarifOptions options;
  options.source_root_uri = "file:///work/repo/";
  SarifWriter writer(out, sampleRules(), options);
  std::string key = fakeProjectKey();
  auto o = makeOutcome("a.py", "k = \"" + key + "\"\n");
  Finding f = makeFinding(4, key.size() + 2, FindingKind::HardcodedKey);
  f.rule_id = "py-hardcoded-key";
  f.severity = Severity::Error;
  f.message = "hard-coded OpenAI key";
  f.secret = SecretInfo{"openai-project-key", "fp:0123abcd", "sk-proj-...x"};
  f.change =
      ChangeGroup{"py-hardcoded-key",
                  {makeEdit(4, key.size() + 2, "os.environ[\"LLM_KEY\"]")}};
  o.outcome.findings = {f};
  writer.file(o.outcome);
  RunStats stats;
  stats.errors = 1;
  writer.endRun(stats);
  json log = json::parse(out.str());
  EXPECT_EQ(SarifShape().check(log), "");
  const json &result = log["runs"][0]["results"][0];
  EXPECT_EQ(result["partialFingerprints"],
            json({{"secretFingerprint/v1", "fp:0123abcd"}}));
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["ruleIndex"], 0);
  EXPECT_EQ(result["fixes"][0]["artifactChanges"][0]["replacements"][0],
            json({{"deletedRegion",
                   {{"startLine", 1},
                    {"startColumn", 5},
                    {"endLine", 1},
                    {"endColumn", 7 + key.size()}}},
                  {"insertedContent", {{"text", "os.environ[\"LLM_KEY\"]"}}}}));
  EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(log["runs"][0]["originalUriBaseIds"],
            json({{"%SRCROOT%", {{"uri", "file:///work/repo/"}}}}));
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["version"], "0.1.0");
  EXPECT_EQ(out.str().find(key), std::string::npos);
  // GitHub code scanning ranks and explains key findings.
  EXPECT_EQ(result["properties"]["security-severity"], "9.0");
  const json &rules = log["runs"][0]["tool"]["driver"]["rules"];
  EXPECT_EQ(rules[0]["properties"]["security-severity"], "9.0");
  EXPECT_EQ(rules[0]["properties"]["tags"],
            json({"security", "external/cwe/cwe-798"}));
  EXPECT_EQ(rules[0]["helpUri"].get<std::string>().rfind("https://", 0), 0u);
  EXPECT_FALSE(rules[1].contains("helpUri"));
  EXPECT_FALSE(rules[1].contains("properties"));
}

TEST(SarifWriterTest, HistoryResultsNameTheirCommit) {
  std::ostringstream out;
  SarifWriter writer(out, sampleRules());
  auto o = makeOutcome("cfg.env", "K=x\n");
  o.outcome.revision = "0123456789abcdef0123456789abcdef01234567";
  o.outcome.findings = {makeFinding(2, 1, FindingKind::PossibleKey)};
  writer.file(o.outcome);
  writer.endRun({});
  json log = json::parse(out.str());
  EXPECT_EQ(SarifShape().check(log), "");
  const json &props = log["runs"][0]["results"][0]["properties"];
  EXPECT_EQ(props["commit"], o.outcome.revision);
  EXPECT_EQ(props["security-severity"], "5.0");
}

TEST(SarifWriterTest, SkippedFindingsOfferNoFix) {
  std::ostringstream out;
  SarifWriter writer(out, {});
  auto o = makeOutcome("a.py", "x\n");
  Finding f = makeFinding(0, 1, FindingKind::Conflict);
  f.action = FindingAction::Skipped;
  f.change = ChangeGroup{"py-env-key", {makeEdit(0, 1, "y")}};
  o.outcome.findings = {f};
  writer.file(o.outcome);
  writer.endRun(RunStats{});
  json log = json::parse(out.str());
  EXPECT_EQ(SarifShape().check(log), "");
  const json &result = log["runs"][0]["results"][0];
  EXPECT_FALSE(result.contains("fixes"));
  EXPECT_FALSE(result.contains("ruleIndex"));
  EXPECT_EQ(result["properties"]["action"], "skipped");
}

TEST(SarifWriterTest, InvalidUtf8StaysVisibleAndReplacementsGoBinary) {
  std::ostringstream out;
  SarifWriter writer(out, {});
  auto o = makeOutcome("b\xE9.py", "x\n");
  Finding f = makeFinding(0, 1);
  f.message = "odd \xE9 byte";
  f.change = ChangeGroup{"py-env-key", {makeEdit(0, 1, "\xFF")}};
  o.outcome.findings = {f};
  writer.file(o.outcome);
  writer.problem(FileProblem{"c.py", FileProblem::Kind::Error, "unreadable"});
  writer.endRun(RunStats{});
  json log = json::parse(out.str());
  EXPECT_EQ(SarifShape().check(log), "");
  const json &result = log["runs"][0]["results"][0];
  EXPECT_EQ(result["message"]["text"], "odd \\xE9 byte");
  EXPECT_EQ(
      result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
      "b%E9.py");
  EXPECT_EQ(result["fixes"][0]["artifactChanges"][0]["replacements"][0]
                  ["insertedContent"],
            json({{"binary", "/w=="}}));
  EXPECT_EQ(log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
               ["level"],
            "error");
}

TEST(SarifWriterTest, ShapeCheckCatchesAMissingRequiredProperty) {
  json log =
      json::parse(R"({"version":"2.1.0","runs":[{"tool":{"driver":{}}}]})");
  EXPECT_EQ(SarifShape().check(log),
            "/runs/0/tool/driver: missing required 'name'");
}

TEST(SarifWriterTest, ShapeCheckCatchesAPropertyTheSchemaDoesNotAllow) {
  json log = json::parse(
      R"({"version":"2.1.0","runs":[{"tool":{"driver":{"name":"k"}},)"
      R"("results":[{"message":{"text":"m"},"severity":"error"}]}]})");
  EXPECT_EQ(SarifShape().check(log),
            "/runs/0/results/0/severity: not a property of result");
}

TEST(SarifWriterTest, PathToUriPercentEncodesOutsideThePathAlphabet) {
  EXPECT_EQ(pathToUri("src/a b#c%d?e.py"), "src/a%20b%23c%25d%3Fe.py");
  EXPECT_EQ(pathToUri("dir/caf\xC3\xA9.py"), "dir/caf%C3%A9.py");
  EXPECT_EQ(pathToUri("a-b_c~d.e/f(1)+g@h"), "a-b_c~d.e/f(1)+g@h");
}

} // namespace
} // namespace keyshift::report
