#include "report/sarif_writer.h"

#include "base/line_index.h"
#include "base/source_file.h"
#include "report/json_text.h"

#include <cstdio>

#ifndef KEYSHIFT_VERSION
#error "KEYSHIFT_VERSION comes from CMake's project(VERSION)"
#endif

namespace keyshift::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchemaUri =
    "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSrcRoot = "%SRCROOT%";

/// SARIF strings must be valid UTF-8; broken bytes stay visible as \xNN.
std::string text(std::string_view s) { return escapeInvalidUtf8(s); }

Json message(std::string_view s) { return Json{{"text", text(s)}}; }

/// 1-based line and code-point column of a content offset.
class CodePointIndex {
public:
  explicit CodePointIndex(std::string_view content)
      : content_(content), bytes_(content) {}

  std::pair<std::size_t, std::size_t> position(std::size_t offset) const {
    Position p = bytes_.position(offset);
    std::size_t line_start = bytes_.lineStart(p.line);
    std::size_t end = std::min(offset, content_.size());
    std::size_t column = 1;
    for (std::size_t i = line_start; i < end; ++i)
      if ((static_cast<unsigned char>(content_[i]) & 0xC0) != 0x80)
        ++column;
    return {p.line, column};
  }

  Json region(const ByteRange &range) const {
    auto [start_line, start_column] = position(range.offset);
    auto [end_line, end_column] = position(range.end());
    return Json{{"startLine", start_line},
                {"startColumn", start_column},
                {"endLine", end_line},
                {"endColumn", end_column}};
  }

private:
  std::string_view content_;
  LineIndex bytes_;
};

Json artifactLocation(std::string_view repo_path) {
  return Json{{"uri", pathToUri(repo_path)}, {"uriBaseId", kSrcRoot}};
}

Json insertedContent(std::string_view replacement) {
  if (isValidUtf8(replacement))
    return Json{{"text", std::string(replacement)}};
  return Json{{"binary", base64Encode(replacement)}};
}

std::string_view levelName(Severity s) {
  // SARIF's level names happen to be keyshift's severity names.
  return severityName(s);
}

// OpenAI's own guidance on keeping keys out of code.
constexpr std::string_view kKeySafetyUri =
    "https://help.openai.com/en/articles/5112595-best-practices-for-api-key-"
    "safety";

} // namespace

std::string_view securitySeverity(FindingKind kind) {
  if (kind == FindingKind::HardcodedKey)
    return "9.0";
  if (kind == FindingKind::PossibleKey)
    return "5.0";
  return "";
}

std::string pathToUri(std::string_view path) {
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') ||
                std::string_view("-._~!$&'()*+,;=:@/").find(ch) !=
                    std::string_view::npos;
    if (keep) {
      out += ch;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned>(c));
      out += buf;
    }
  }
  return out;
}

SarifWriter::SarifWriter(std::ostream &out, std::vector<RuleInfo> rules,
                         SarifOptions options)
    : out_(out), rules_(std::move(rules)), options_(std::move(options)) {}

void SarifWriter::file(const FileOutcome &outcome) {
  if (outcome.findings.empty())
    return;
  std::string_view content =
      outcome.source ? outcome.source->content() : std::string_view();
  CodePointIndex index(content);
  for (const Finding &f : outcome.findings) {
    Json result;
    result["ruleId"] = text(f.rule_id);
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      if (rules_[i].id == f.rule_id) {
        result["ruleIndex"] = i;
        break;
      }
    }
    result["level"] = levelName(f.severity);
    result["message"] = message(redactWith(options_.redactor, f.message));
    result["locations"] = Json::array(
        {Json{{"physicalLocation",
               Json{{"artifactLocation", artifactLocation(outcome.repo_path)},
                    {"region", index.region(f.range)}}}}});
    if (!f.related.empty()) {
      // The chain behind the decision (repository plan): other sites, as
      // line and column (SARIF's columns count code points; these are the
      // plan's byte columns, exact for ASCII code).
      Json related = Json::array();
      for (std::size_t i = 0; i < f.related.size(); ++i) {
        const RelatedSite &r = f.related[i];
        related.push_back(
            Json{{"id", i},
                 {"message", message(redactWith(options_.redactor, r.message))},
                 {"physicalLocation",
                  Json{{"artifactLocation", artifactLocation(r.file)},
                       {"region", Json{{"startLine", r.line},
                                       {"startColumn", r.column}}}}}});
      }
      result["relatedLocations"] = std::move(related);
    }
    if (f.secret)
      result["partialFingerprints"] =
          Json{{"secretFingerprint/v1", text(f.secret->fingerprint)}};
    // A change that conflicted or broke the file is no fix to offer.
    if (f.change && !f.change->edits.empty() &&
        f.action != FindingAction::Skipped) {
      Json replacements = Json::array();
      for (const Edit &e : f.change->edits)
        replacements.push_back(
            Json{{"deletedRegion", index.region(e.range)},
                 {"insertedContent", insertedContent(e.replacement)}});
      result["fixes"] = Json::array({Json{
          {"description", message(redactWith(options_.redactor, f.message))},
          {"artifactChanges",
           Json::array(
               {Json{{"artifactLocation", artifactLocation(outcome.repo_path)},
                     {"replacements", std::move(replacements)}}})}}});
    }
    Json properties{{"kind", text(findingKindName(f.kind))},
                    {"action", findingActionName(f.action)}};
    if (auto level = securitySeverity(f.kind); !level.empty())
      properties["security-severity"] = level;
    if (!outcome.revision.empty())
      properties["commit"] = text(outcome.revision);
    result["properties"] = std::move(properties);
    results_.push_back(std::move(result));
  }
}

void SarifWriter::problem(const FileProblem &problem) {
  bool skipped = problem.kind == FileProblem::Kind::Skipped;
  std::string msg = redactWith(options_.redactor, problem.message);
  notifications_.push_back(Json{
      {"level", skipped ? "note" : "error"},
      {"message", message(skipped ? "skipped: " + msg : msg)},
      {"locations",
       Json::array(
           {Json{{"physicalLocation",
                  Json{{"artifactLocation",
                        Json{{"uri", pathToUri(problem.display_path)}}}}}}})}});
}

void SarifWriter::endRun(const RunStats &stats) {
  Json rules = Json::array();
  for (const RuleInfo &r : rules_) {
    std::string help = r.description.empty() ? r.message : r.description;
    Json rule{{"id", text(r.id)},
              {"shortDescription", message(r.message)},
              {"fullDescription", message(help)},
              {"help", message(help)},
              {"defaultConfiguration", Json{{"level", levelName(r.severity)}}}};
    const std::string_view security = securitySeverity(r.kind);
    std::string help_uri = r.help_uri;
    if (help_uri.empty() && !security.empty())
      help_uri = kKeySafetyUri;
    if (!help_uri.empty())
      rule["helpUri"] = text(help_uri);
    if (!security.empty())
      rule["properties"] =
          Json{{"security-severity", security},
               {"tags", Json::array({"security", "external/cwe/cwe-798"})}};
    rules.push_back(std::move(rule));
  }
  Json driver;
  driver["name"] = "keyshift";
  driver["version"] =
      options_.tool_version.empty() ? KEYSHIFT_VERSION : options_.tool_version;
  if (!options_.information_uri.empty())
    driver["informationUri"] = text(options_.information_uri);
  driver["rules"] = std::move(rules);

  Json invocation;
  invocation["executionSuccessful"] = stats.errors == 0;
  if (!notifications_.empty())
    invocation["toolExecutionNotifications"] = notifications_;

  Json run;
  run["tool"] = Json{{"driver", std::move(driver)}};
  run["invocations"] = Json::array({std::move(invocation)});
  if (!options_.source_root_uri.empty())
    run["originalUriBaseIds"] =
        Json{{kSrcRoot, Json{{"uri", text(options_.source_root_uri)}}}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = results_;

  Json log;
  log["$schema"] = kSchemaUri;
  log["version"] = "2.1.0";
  log["runs"] = Json::array({std::move(run)});
  try {
    out_ << log.dump(2) << '\n';
    out_.flush();
  } catch (const nlohmann::json::exception &e) {
    errors_.push_back(
        makeError(ErrorCode::Internal,
                  std::string("sarif: cannot write the log: ") + e.what()));
  }
}

} // namespace keyshift::report
