// keyshift audit [PATH...]: findings only (hard-coded keys, direct
// endpoints, clients to migrate); nothing is rewritten.
#include "cli/commands.h"
#include "cli/run_command.h"
#include "report/audit_log_writer.h"
#include "report/html_report_writer.h"
#include "report/sarif_writer.h"
#include "report/text_printer.h"
#include "scan/real_file_system.h"
#include "secrets/baseline.h"
#include "secrets/find_secrets.h"
#include "secrets/key_findings.h"

namespace keyshift::cli {
namespace {

/// Collects the secrets an audit finds, for --write-baseline.
class BaselineCollector final : public ReportSink {
public:
  void file(const FileOutcome &outcome) override {
    for (const Finding &f : outcome.findings)
      if (f.secret)
        baseline.add(f.secret->fingerprint, outcome.repo_path, f.rule_id);
  }
  void problem(const FileProblem &) override {}
  void endRun(const RunStats &) override {}
  secrets::Baseline baseline;
};

std::vector<report::RuleInfo> ruleInfos(const ruleset::RuleSet &rules) {
  std::vector<report::RuleInfo> out;
  for (const ruleset::Rule &r : rules.rules())
    out.push_back({r.id, r.message, r.description, r.severity, r.kind, ""});
  for (const secrets::ScannerRule &r : secrets::scannerRules())
    out.push_back({std::string(r.id), std::string(r.message),
                   std::string(r.description), r.severity, r.kind, ""});
  return out;
}

} // namespace

ExitStatus runAudit(const RawArgs &args, Io &io) {
  std::string format = args.last("format").value_or("text");
  if (format != "text" && format != "json" && format != "sarif" &&
      format != "html")
    return fail(io,
                makeError(ErrorCode::Usage,
                          "--format takes text, json, sarif or html, not '" +
                              format + "'"));
  auto setup = prepareRun(args, io.cwd, io.out_is_tty);
  if (!setup.ok())
    return fail(io, setup.error());

  std::unique_ptr<ReportSink> printer;
  report::SarifWriter *sarif = nullptr; // buffers: its errors come at the end
  if (format == "text") {
    printer = std::make_unique<report::TextPrinter>(
        io.out,
        report::TextPrinterOptions{setup->colour, secrets::redactSecrets});
  } else if (format == "json") {
    report::AuditLogOptions ao;
    ao.deterministic = setup->deterministic;
    ao.redactor = secrets::redactSecrets;
    printer = std::make_unique<report::AuditLogWriter>(io.out, ao);
  } else if (format == "html") {
    report::HtmlReportOptions ho;
    if (setup->proxy_configured) {
      const config::ProxySettings &proxy = setup->options.proxy;
      ho = {proxy.preset, proxy.base_url, proxy.key_env, proxy.base_url_env,
            nullptr};
    }
    ho.redactor = secrets::redactSecrets;
    printer = std::make_unique<report::HtmlReportWriter>(io.out, ho);
  } else {
    report::SarifOptions so;
    so.redactor = secrets::redactSecrets;
    auto writer = std::make_unique<report::SarifWriter>(
        io.out, ruleInfos(setup->rules), so);
    sarif = writer.get();
    printer = std::move(writer);
  }
  BaselineCollector collected;
  auto result = executeRun(args, io, *setup, {printer.get(), &collected},
                           /*audit_log_on_stdout_ok=*/false);
  if (!result.ok())
    return fail(io, result.error());
  if (sarif && !sarif->errors().empty()) {
    for (const Error &e : sarif->errors())
      io.err << "keyshift: error: " << e.message << "\n";
    return ExitStatus::PartialFailure;
  }
  if (auto path = args.last("write-baseline")) {
    // Keys already baselined stay in it: they were silenced, not found.
    if (setup->baseline)
      for (const auto &e : setup->baseline->entries())
        collected.baseline.add(e);
    std::string abs = (*path)[0] == '/' ? *path : io.cwd + "/" + *path;
    scan::RealFileSystem fs;
    auto written = fs.writeAtomically(abs, collected.baseline.serialize());
    if (!written.ok())
      return fail(io, makeError(ErrorCode::Io, written.error().message));
    io.err << "keyshift: wrote " << collected.baseline.size()
           << " fingerprint(s) to " << *path
           << "; pass it with --baseline (or \"baseline\" in "
              ".keyshift.json) to silence them\n";
  }
  if (result->stats.errors > 0)
    return ExitStatus::PartialFailure;
  return result->has_findings ? ExitStatus::Findings : ExitStatus::Clean;
}

} // namespace keyshift::cli
