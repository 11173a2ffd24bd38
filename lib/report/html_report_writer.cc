#include "report/html_report_writer.h"

#include "base/finding_kind.h"
#include "base/line_index.h"
#include "base/severity.h"

#include <map>
#include <utility>

namespace keyshift::report {
namespace {

constexpr std::string_view kStyle = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1f24}
h1{font-size:1.4em}h2{font-size:1.05em;margin:1.4em 0 .3em;font-family:monospace}
table{border-collapse:collapse;margin:.3em 0}
th,td{border:1px solid #d0d7de;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num{text-align:right}
code,pre{font-family:ui-monospace,monospace;font-size:12px;white-space:pre-wrap}
.edit del{background:#ffebe9;text-decoration:none;display:block}
.edit ins{background:#dafbe1;text-decoration:none;display:block}
.sev-error{color:#cf222e}.sev-warning{color:#9a6700}
#filters label{margin-right:1em}dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}
dt{font-weight:600}dd{margin:0;font-family:monospace}
)";

// Hides rows (and then empty file sections) whose kind is unticked.
constexpr std::string_view kScript = R"(
function applyFilters(){
  var on={};
  document.querySelectorAll('#filters input').forEach(function(b){on[b.value]=b.checked;});
  document.querySelectorAll('tr.finding').forEach(function(r){r.hidden=!on[r.dataset.kind];});
  document.querySelectorAll('section.file').forEach(function(s){
    s.hidden=!s.querySelector('tr.finding:not([hidden])');});
  document.getElementById('shown').textContent=
    document.querySelectorAll('tr.finding:not([hidden])').length;
}
document.querySelectorAll('#filters input').forEach(function(b){
  b.addEventListener('change',applyFilters);});
applyFilters();
)";

std::string lineOf(std::string_view content, const LineIndex &index,
                   std::size_t line) {
  std::size_t begin = index.lineStart(line), end = index.lineEnd(line);
  std::string_view text = content.substr(begin, end - begin);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.remove_suffix(1);
  return std::string(text);
}

} // namespace

std::string htmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

HtmlReportWriter::HtmlReportWriter(std::ostream &out, HtmlReportOptions options)
    : out_(out), options_(std::move(options)) {}

void HtmlReportWriter::file(const FileOutcome &outcome) {
  if (outcome.findings.empty())
    return;
  std::string_view content =
      outcome.source ? outcome.source->content() : std::string_view();
  LineIndex index(content);
  FileRows rows{outcome.repo_path, {}};
  if (!outcome.revision.empty())
    rows.path += " @ " + outcome.revision.substr(0, 12);
  for (const Finding &f : outcome.findings) {
    Row r;
    r.kind = findingKindName(f.kind);
    r.severity = severityName(f.severity);
    r.rule = f.rule_id;
    r.line = index.position(f.range.offset).line;
    r.message = redactWith(options_.redactor, f.message);
    r.snippet = redactWith(options_.redactor, lineOf(content, index, r.line));
    r.before = redactWith(options_.redactor, f.before);
    r.after = redactWith(options_.redactor, f.after);
    rows.rows.push_back(std::move(r));
  }
  files_.push_back(std::move(rows));
}

void HtmlReportWriter::problem(const FileProblem &problem) {
  problems_.push_back(problem);
}

void HtmlReportWriter::endRun(const RunStats &stats) {
  std::map<std::string, std::map<std::string, std::size_t>> totals;
  std::size_t total = 0;
  for (const FileRows &f : files_)
    for (const Row &r : f.rows) {
      ++totals[r.kind][r.severity];
      ++total;
    }
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
       "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
       "<title>keyshift audit</title><style>";
  h += kStyle;
  h += "</style></head><body>\n<h1>keyshift audit</h1>\n";
  h += "<p id=\"summary\"><span id=\"total\">" + std::to_string(total) +
       "</span> findings in " + std::to_string(files_.size()) + " of " +
       std::to_string(stats.files_scanned) + " files scanned; " +
       std::to_string(stats.errors) + " errors, " +
       std::to_string(stats.skipped) +
       " skipped. Secrets are shown redacted.</p>\n";

  h += "<h2>Proxy</h2>\n<dl id=\"proxy\">";
  if (options_.base_url.empty()) {
    h += "<dt>proxy</dt><dd>none configured (keys-only audit)</dd>";
  } else {
    auto item = [&](std::string_view name, const std::string &value) {
      if (!value.empty())
        h += "<dt>" + std::string(name) + "</dt><dd>" + htmlEscape(value) +
             "</dd>";
    };
    item("preset", options_.preset);
    item("base_url", options_.base_url);
    item("key_env", options_.key_env);
    item("base_url_env", options_.base_url_env);
  }
  h += "</dl>\n";

  h += "<h2>Totals</h2>\n<table id=\"totals\"><tr><th>kind</th>"
       "<th>severity</th><th>findings</th></tr>\n";
  for (const auto &[kind, by_severity] : totals)
    for (const auto &[severity, n] : by_severity)
      h += "<tr data-kind=\"" + htmlEscape(kind) + "\" data-severity=\"" +
           htmlEscape(severity) + "\"><td>" + htmlEscape(kind) +
           "</td><td class=\"sev-" + htmlEscape(severity) + "\">" +
           htmlEscape(severity) + "</td><td class=\"num\">" +
           std::to_string(n) + "</td></tr>\n";
  h += "</table>\n<p id=\"filters\">Show: ";
  for (const auto &[kind, by_severity] : totals)
    h += "<label><input type=\"checkbox\" value=\"" + htmlEscape(kind) +
         "\" checked> " + htmlEscape(kind) + "</label>";
  h += " (<span id=\"shown\">" + std::to_string(total) + "</span> shown)</p>\n";

  for (const FileRows &f : files_) {
    h += "<section class=\"file\"><h2>" + htmlEscape(f.path) +
         "</h2>\n<table><tr><th>line</th><th>rule</th><th>message</th>"
         "<th>source</th><th>proposed edit</th></tr>\n";
    for (const Row &r : f.rows) {
      h += "<tr class=\"finding\" data-kind=\"" + htmlEscape(r.kind) +
           "\" data-severity=\"" + htmlEscape(r.severity) +
           "\"><td class=\"num\">" + std::to_string(r.line) + "</td><td>" +
           htmlEscape(r.rule) + "</td><td class=\"sev-" +
           htmlEscape(r.severity) + "\">" + htmlEscape(r.message) +
           "</td><td><code class=\"snippet\">" + htmlEscape(r.snippet) +
           "</code></td><td>";
      if (!r.after.empty())
        h += "<div class=\"edit\"><del><code>" + htmlEscape(r.before) +
             "</code></del><ins><code>" + htmlEscape(r.after) +
             "</code></ins></div>";
      h += "</td></tr>\n";
    }
    h += "</table></section>\n";
  }
  if (!problems_.empty()) {
    h += "<h2>Not processed</h2>\n<ul id=\"problems\">";
    for (const FileProblem &p : problems_)
      h += "<li><code>" + htmlEscape(p.display_path) +
           "</code>: " + htmlEscape(redactWith(options_.redactor, p.message)) +
           "</li>";
    h += "</ul>\n";
  }
  h += "<script>";
  h += kScript;
  h += "</script>\n</body></html>\n";
  out_ << h;
}

} // namespace keyshift::report
