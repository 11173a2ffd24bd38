// keyshift verify [PATH...]: after a migration, asks the proxy whether it
// serves every model name the code uses. The names come from the same scan
// as migrate (the model-name rules); B and K's value from the environment
// (BE overrides B, as at run time). The key is sent, never printed.
#include "base/line_index.h"
#include "base/text_columns.h"
#include "cli/commands.h"
#include "cli/run_command.h"
#include "verify/proxy_probe.h"

#include <cstdlib>
#include <map>
#include <set>

namespace keyshift::cli {
namespace {

/// Every model name in the scan, with where the code uses it.
class ModelCollector : public ReportSink {
public:
  void file(const FileOutcome &outcome) override {
    std::optional<LineIndex> lines;
    for (const Finding &f : outcome.findings) {
      if (f.kind != FindingKind::ModelName || f.before.size() < 2)
        continue;
      // A plain literal only: a name from a variable, an f-string or a
      // template is reported, and its value is not known here.
      char q = f.before.front();
      if ((q != '"' && q != '\'') || f.before.back() != q)
        continue;
      if (!lines && outcome.source)
        lines.emplace(outcome.source->content());
      std::string site = outcome.display_path;
      if (lines)
        site += ":" + std::to_string(lines->position(f.range.offset).line);
      // The snippet is the literal: its quotes go.
      sites[f.before.substr(1, f.before.size() - 2)].push_back(site);
    }
  }
  void problem(const FileProblem &) override {}
  void endRun(const RunStats &) override {}
  std::map<std::string, std::vector<std::string>> sites; ///< sorted
};

std::string joined(const std::vector<std::string> &sites) {
  std::string out;
  for (std::size_t i = 0; i < sites.size() && i < 3; ++i)
    out += (i ? ", " : "") + sites[i];
  if (sites.size() > 3)
    out += " and " + std::to_string(sites.size() - 3) + " more";
  return out;
}

/// A table cell: padded to its column, then the gap before the next one.
std::string cell(std::string text, std::size_t width) {
  return padRight(std::move(text), width) + "  ";
}

} // namespace

ExitStatus runVerify(const RawArgs &given, Io &io) {
  RawArgs args = given;
  args.values["kind"] = {std::string(findingKindName(FindingKind::ModelName))};
  args.values["quiet"] = {""};
  long timeout_ms = 10000;
  if (auto t = args.last("timeout")) {
    char *end = nullptr;
    timeout_ms = std::strtol(t->c_str(), &end, 10);
    if (t->empty() || *end != '\0' || timeout_ms <= 0)
      return fail(io,
                  makeError(ErrorCode::Usage,
                            "--timeout takes milliseconds, not '" + *t + "'"));
  }
  auto setup = prepareRun(args, io.cwd, io.out_is_tty);
  if (!setup.ok())
    return fail(io, setup.error());
  const ProxyTarget &proxy = setup->options.proxy;
  verify::Probe probe;
  probe.base_url = proxy.base_url;
  probe.key_env = proxy.key_env;
  probe.timeout_ms = timeout_ms;
  if (!proxy.base_url_env.empty())
    if (const char *be = std::getenv(proxy.base_url_env.c_str()); be && *be)
      probe.base_url = be;
  while (probe.base_url.ends_with('/'))
    probe.base_url.pop_back();
  const char *key = std::getenv(proxy.key_env.c_str());
  if (!key || !*key)
    return fail(io, makeError(ErrorCode::Usage,
                              proxy.key_env +
                                  " is not set: verify sends the proxy key "
                                  "the migrated code reads from it"));
  probe.key = key;

  ModelCollector models;
  auto run = executeRun(args, io, *setup, {&models},
                        /*audit_log_on_stdout_ok=*/false);
  if (!run.ok())
    return fail(io, run.error());
  auto served = verify::servedModels(probe);
  if (!served.ok()) {
    io.err << "keyshift: verify: " << served.error().message << "\n";
    return ExitStatus::Findings;
  }
  io.out << "proxy " << probe.base_url << " serves " << served->size()
         << " model" << (served->size() == 1 ? "" : "s") << "; the code uses "
         << models.sites.size() << ":\n";
  std::size_t width = 5;
  for (const auto &[name, sites] : models.sites)
    width = std::max(width, name.size());
  io.out << cell("MODEL", width) << cell("SERVED", 6) << "USED AT\n";
  std::size_t missing = 0, failed = 0;
  const bool chat = args.has("chat");
  for (const auto &[name, sites] : models.sites) {
    bool ok = served->count(name) > 0;
    missing += ok ? 0 : 1;
    io.out << cell(name, width) << cell(ok ? "yes" : "NO", 6) << joined(sites)
           << "\n";
    if (chat && ok) {
      auto answer = verify::chatOnce(probe, name);
      if (!answer.ok()) {
        ++failed;
        io.out << "  chat: " << answer.error().message << "\n";
      } else {
        io.out << "  chat: ok\n";
      }
    }
  }
  if (models.sites.empty())
    io.out << "(no model name literal found: names from variables or "
              "config are not checked)\n";
  if (missing)
    io.err << "keyshift: verify: " << missing << " model name"
           << (missing == 1 ? " is" : "s are")
           << " not served by the proxy: map them in the code or in the "
              "proxy's model list\n";
  if (failed)
    io.err << "keyshift: verify: " << failed << " chat completion"
           << (failed == 1 ? "" : "s") << " failed\n";
  return missing || failed ? ExitStatus::Findings : ExitStatus::Clean;
}

} // namespace keyshift::cli
