#include "match/cpp/cpp_engine.h"

#include "match/cpp/clang_backend.h"
#include "match/cpp/cross_tu_calls.h"
#include "match/cpp/held_change.h"
#include "ruleset/rule.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

namespace keyshift::cpp {

namespace fs = std::filesystem;
using detail::canonicalPath;
using Rule = ruleset::Rule;

namespace {

bool isSourcePath(const std::string &path) {
  std::string ext = fs::path(path).extension().string();
  return ext == ".cc" || ext == ".cpp" || ext == ".cxx" || ext == ".c++" ||
         ext == ".C" || ext == ".c";
}

std::optional<std::string> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool underRoot(const std::string &canonical, const std::string &root) {
  if (root.empty())
    return true;
  if (canonical.size() < root.size() ||
      canonical.compare(0, root.size(), root) != 0)
    return false;
  return canonical.size() == root.size() || root.back() == '/' ||
         canonical[root.size()] == '/';
}

std::string relativeTo(const std::string &path, const std::string &root) {
  if (root.empty() || !underRoot(path, root))
    return path;
  std::string rel = path.substr(root.size());
  while (!rel.empty() && rel.front() == '/')
    rel.erase(0, 1);
  return rel;
}

/// The directories `-I`, `-iquote` and `-isystem` name, made absolute.
std::vector<std::string> includeDirs(const detail::CompileCommand &cmd) {
  std::vector<std::string> dirs;
  auto add = [&](const std::string &d) {
    fs::path p(d);
    if (p.is_relative())
      p = fs::path(cmd.directory) / p;
    dirs.push_back(p.lexically_normal().string());
  };
  for (std::size_t i = 0; i < cmd.args.size(); ++i) {
    const std::string &a = cmd.args[i];
    for (std::string_view flag : {"-I", "-iquote", "-isystem"}) {
      if (a.compare(0, flag.size(), flag) != 0)
        continue;
      if (a.size() > flag.size())
        add(a.substr(flag.size()));
      else if (i + 1 < cmd.args.size())
        add(cmd.args[++i]);
      break;
    }
  }
  return dirs;
}

/// `#include "x"` / `<x>` targets, by a line scan: the prefilter only needs
/// to know which project headers a TU can reach, not the exact set.
std::vector<std::string> includedNames(std::string_view text) {
  std::vector<std::string> names;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, eol == std::string_view::npos ? std::string_view::npos
                                                       : eol - pos);
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
    std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string_view::npos || line[i] != '#')
      continue;
    i = line.find_first_not_of(" \t", i + 1);
    if (i == std::string_view::npos || line.substr(i, 7) != "include")
      continue;
    i = line.find_first_not_of(" \t", i + 7);
    if (i == std::string_view::npos || (line[i] != '"' && line[i] != '<'))
      continue;
    char close = line[i] == '"' ? '"' : '>';
    std::size_t end = line.find(close, i + 1);
    if (end != std::string_view::npos)
      names.emplace_back(line.substr(i + 1, end - i - 1));
  }
  return names;
}

class FileCache {
public:
  const std::string *get(const std::string &canonical) {
    auto it = files_.find(canonical);
    if (it == files_.end())
      it = files_.emplace(canonical, readFile(canonical)).first;
    return it->second ? &*it->second : nullptr;
  }

private:
  std::map<std::string, std::optional<std::string>> files_;
};

/// Project headers (under root) reachable from `file`, canonical.
std::set<std::string> reachableHeaders(const std::string &file,
                                       const std::vector<std::string> &dirs,
                                       const std::string &root,
                                       FileCache &cache) {
  std::set<std::string> seen;
  std::vector<std::string> todo{file};
  while (!todo.empty()) {
    std::string current = todo.back();
    todo.pop_back();
    const std::string *text = cache.get(current);
    if (!text)
      continue;
    for (const std::string &name : includedNames(*text)) {
      std::vector<fs::path> candidates{fs::path(current).parent_path() / name};
      for (const std::string &d : dirs)
        candidates.push_back(fs::path(d) / name);
      for (const fs::path &c : candidates) {
        std::error_code ec;
        if (!fs::is_regular_file(c, ec))
          continue;
        std::string canonical = canonicalPath(c.string());
        if (underRoot(canonical, root) && seen.insert(canonical).second)
          todo.push_back(canonical);
        break;
      }
    }
  }
  return seen;
}

/// Whether a translation unit whose files hold `texts` (the source and
/// the headers it reaches) is a candidate for `rule`: every literal of one
/// of its trigger sets occurs in one of them (["start(", "openai"] needs
/// both, not `start(` alone: a header tree full of `start(` is not parsed).
bool holdsTrigger(const Rule *rule,
                  const std::vector<const std::string *> &texts) {
  if (rule->trigger_sets.empty())
    return true;
  auto occurs = [&](const std::string &literal) {
    return std::any_of(texts.begin(), texts.end(), [&](const std::string *t) {
      return t->find(literal) != std::string::npos;
    });
  };
  return std::any_of(rule->trigger_sets.begin(), rule->trigger_sets.end(),
                     [&](const std::vector<std::string> &set) {
                       return std::all_of(set.begin(), set.end(), occurs);
                     });
}

std::string changeKey(const std::optional<ChangeGroup> &change) {
  if (!change)
    return "-";
  std::string key;
  for (const Edit &e : change->edits)
    key += std::to_string(e.range.offset) + "+" +
           std::to_string(e.range.length) + "=" + e.replacement + "\x1f";
  return key;
}

void mergeFlows(std::vector<std::string> &into,
                const std::vector<std::string> &more) {
  into.insert(into.end(), more.begin(), more.end());
  std::sort(into.begin(), into.end());
  into.erase(std::unique(into.begin(), into.end()), into.end());
}

/// `tus` (sorted by their job order) failed to parse: none of the header's
/// changes is made, each says which TUs to fix.
void holdHeaderEdits(std::vector<Finding> &findings,
                     std::vector<std::string> tus) {
  std::sort(tus.begin(), tus.end());
  tus.erase(std::unique(tus.begin(), tus.end()), tus.end());
  std::string names;
  for (std::size_t i = 0; i < tus.size() && i < 5; ++i)
    names += (i ? ", " : "") + tus[i];
  if (tus.size() > 5)
    names += " and " + std::to_string(tus.size() - 5) + " more";
  for (Finding &f : findings)
    detail::holdChange(f, "this header is also compiled in " + names +
                              ", which failed to parse; what decides this "
                              "edit may be there: fix the build or edit by "
                              "hand");
}

bool fullParse(const EngineOptions &options) {
  const char *env = std::getenv("KEYSHIFT_CPP_FULL_PARSE");
  return options.full_parse || (env && std::string_view(env) == "1");
}

} // namespace

Result<void> validateRules(const std::vector<const ruleset::Rule *> &rules) {
  return detail::parseRuleMatchers(rules);
}

Result<RunResult> runRules(const std::vector<const ruleset::Rule *> &all_rules,
                           const std::vector<std::string> &abs_files,
                           const EngineOptions &options) {
  std::vector<const Rule *> rules;
  for (const Rule *r : all_rules)
    if (r->language == Language::Cpp)
      rules.push_back(r);
  Result<void> valid = detail::parseRuleMatchers(rules);
  if (!valid)
    return valid.error();

  RunResult result;
  std::string root = options.root.empty() ? "" : canonicalPath(options.root);
  detail::Scope scope;
  for (const std::string &f : abs_files)
    scope.emplace(canonicalPath(f), f);
  if (rules.empty() || scope.empty())
    return result;

  FileCache cache;
  detail::CommandSource commands(options.compile_db_dir,
                                 options.fallback_include_dirs, root);
  std::vector<detail::TuJob> jobs;
  std::vector<std::set<std::string>> job_headers; // by job
  std::set<std::string> covered;
  std::vector<std::string> fallback; // parsed without a database entry
  auto addJob = [&](const std::string &canonical,
                    const std::string &given) -> Result<void> {
    Result<detail::CompileCommand> cmd = commands.commandFor(canonical);
    if (!cmd)
      return cmd.error();
    std::set<std::string> headers =
        reachableHeaders(canonical, includeDirs(*cmd), root, cache);
    covered.insert(headers.begin(), headers.end());
    std::vector<const std::string *> texts;
    if (const std::string *text = cache.get(canonical))
      texts.push_back(text);
    for (const std::string &header : headers)
      if (const std::string *text = cache.get(header))
        texts.push_back(text);
    std::vector<const Rule *> wanted;
    for (const Rule *rule : rules)
      if (holdsTrigger(rule, texts))
        wanted.push_back(rule);
    if (wanted.empty())
      return {};
    if (!cmd->from_database)
      fallback.push_back(relativeTo(given, root));
    detail::TuJob job;
    job.command = std::move(*cmd);
    job.rules = std::move(wanted);
    jobs.push_back(std::move(job));
    job_headers.push_back(std::move(headers));
    return {};
  };

  for (const auto &[canonical, given] : scope) {
    if (!isSourcePath(canonical))
      continue;
    Result<void> ok = addJob(canonical, given);
    if (!ok)
      return ok.error();
  }
  // A header no parsed TU reaches is parsed on its own, so its findings are
  // not lost (its command comes from the database's nearest neighbour).
  for (const auto &[canonical, given] : scope) {
    if (isSourcePath(canonical) || covered.count(canonical))
      continue;
    Result<void> ok = addJob(canonical, given);
    if (!ok)
      return ok.error();
  }

  // One note per run, not one per file: the cause (no database) is shared.
  if (!fallback.empty()) {
    std::string flags = "-std=c++17";
    for (const std::string &d : options.fallback_include_dirs)
      flags += " -I" + d;
    std::string files = fallback.front();
    if (fallback.size() > 1)
      files = std::to_string(fallback.size()) + " C++ files (" + files +
              (fallback.size() > 2 ? ", ...)" : ", " + fallback[1] + ")");
    result.notes.push_back("no compilation database found for " + files +
                           ": parsed with fallback flags (" + flags +
                           "); results may be incomplete (pass -p DIR)");
  }

  result.notes.insert(result.notes.end(), commands.notes().begin(),
                      commands.notes().end());

  unsigned threads = options.threads
                         ? options.threads
                         : std::max(1u, std::thread::hardware_concurrency());
  std::set<const Rule *> run_rules;
  for (const detail::TuJob &job : jobs)
    run_rules.insert(job.rules.begin(), job.rules.end());
  for (detail::TuJob &job : jobs)
    job.run_rules.assign(run_rules.begin(), run_rules.end());
  auto run = [&](const std::vector<detail::TuJob> &some) {
    return detail::runJobs(some, options.proxy, scope, threads,
                           fullParse(options));
  };
  std::vector<detail::TuOutput> outputs = run(jobs);
  // Functions the findings asked about that their TUs do not define, and
  // URLs that leave their TU (cross_tu_calls.h): any source of the run may
  // answer.
  detail::SummaryTable summaries;
  detail::CallerChecks callers;
  if (std::any_of(outputs.begin(), outputs.end(),
                  [](const detail::TuOutput &o) {
                    return !o.wanted.empty() || !o.escapes.empty();
                  })) {
    std::vector<detail::SummarySource> sources;
    // The run's sources and, for a run over part of the tree, the rest of
    // the program its compilation database names.
    std::set<std::string> candidates;
    for (const auto &[canonical, given] : scope)
      candidates.insert(canonical);
    for (const std::string &file : commands.databaseFiles())
      if (underRoot(file, root))
        candidates.insert(file);
    for (const std::string &canonical : candidates)
      if (isSourcePath(canonical))
        if (Result<detail::CompileCommand> cmd =
                commands.commandFor(canonical)) {
          detail::SummarySource source;
          if (const std::string *text = cache.get(canonical))
            source.texts.push_back(text);
          for (const std::string &header :
               reachableHeaders(canonical, includeDirs(*cmd), root, cache))
            if (const std::string *text = cache.get(header))
              source.texts.push_back(text);
          source.command = std::move(*cmd);
          sources.push_back(std::move(source));
        }
    detail::followCalls(jobs, outputs, sources, run, summaries, callers);
  }

  // (file, rule, range) -> the distinct findings proposed there.
  using Site = std::tuple<std::string, std::string, std::size_t, std::size_t>;
  std::map<Site, std::map<std::string, Finding>> sites;
  std::map<std::string, std::set<std::uint64_t>> parsed_hashes;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    detail::TuOutput &out = outputs[i];
    if (out.error)
      result.errors.emplace_back(jobs[i].command.file, *out.error);
    for (const auto &[canonical, hash] : out.parsed_hashes)
      parsed_hashes[canonical].insert(hash);
    for (detail::LocatedFinding &lf : out.findings) {
      Site site{lf.canonical_path, lf.finding.rule_id, lf.finding.range.offset,
                lf.finding.range.length};
      std::string key = std::string(findingKindName(lf.finding.kind)) + "\x1e" +
                        changeKey(lf.finding.change);
      // The same edit seen from several TUs relies on every variable any
      // of them saw it rely on (one TU's request reads the key, another's
      // has none): it moves only if all of them do.
      auto [it, added] = sites[site].try_emplace(std::move(key), lf.finding);
      if (!added)
        mergeFlows(it->second.flow_envs, lf.finding.flow_envs);
    }
  }
  // Issue 9: a header's edit is made for every TU that includes it, so it
  // waits until all of them parsed; one that failed may hold what decides
  // it (the key its requests send, say).
  std::map<std::string, std::vector<std::string>> failed_includers;
  for (std::size_t i = 0; i < outputs.size(); ++i)
    if (outputs[i].error)
      for (const std::string &header : job_headers[i])
        failed_includers[header].push_back(
            relativeTo(canonicalPath((fs::path(jobs[i].command.directory) /
                                      jobs[i].command.file)
                                         .string()),
                       root));
  std::map<std::string, std::vector<Finding>> by_file;
  for (auto &[site, variants] : sites) {
    std::vector<Finding> &list = by_file[std::get<0>(site)];
    if (variants.size() == 1) {
      list.push_back(std::move(variants.begin()->second));
      continue;
    }
    // Every variable any TU saw here is in the flow the site keeps.
    std::set<std::string> envs;
    std::size_t changes = 0;
    const Finding *held = nullptr;
    for (const auto &[key, f] : variants) {
      envs.insert(f.flow_envs.begin(), f.flow_envs.end());
      changes += f.change.has_value();
      if (!f.change && f.kind == FindingKind::NeedsReview && !held)
        held = &f;
    }
    // One TU sees why this place must stay (a request there sends a key
    // that does not move), another sees nothing against the edit: it stays.
    if (held && changes == 1) {
      Finding stays = *held;
      stays.flow_envs.assign(envs.begin(), envs.end());
      list.push_back(std::move(stays));
      continue;
    }
    // TUs disagree about this place (different macros, say): apply none.
    Finding conflict = variants.begin()->second;
    conflict.flow_envs.assign(envs.begin(), envs.end());
    conflict.kind = FindingKind::Conflict;
    conflict.action = FindingAction::Skipped;
    conflict.message = "translation units propose different edits here (" +
                       std::to_string(variants.size()) +
                       " variants); left unchanged";
    conflict.change.reset();
    conflict.after.clear();
    list.push_back(std::move(conflict));
  }
  for (auto &[canonical, findings] : by_file) {
    if (auto failed = failed_includers.find(canonical);
        failed != failed_includers.end())
      holdHeaderEdits(findings, failed->second);
    std::sort(findings.begin(), findings.end(),
              [](const Finding &a, const Finding &b) {
                return std::tie(a.range.offset, a.range.length, a.rule_id) <
                       std::tie(b.range.offset, b.range.length, b.rule_id);
              });
    auto given = scope.find(canonical);
    const std::set<std::uint64_t> &hashes = parsed_hashes[canonical];
    result.files.push_back(FileFindings{
        given != scope.end() ? given->second : canonical, std::move(findings),
        std::vector<std::uint64_t>(hashes.begin(), hashes.end())});
  }
  std::sort(result.files.begin(), result.files.end(),
            [](const FileFindings &a, const FileFindings &b) {
              return a.abs_path < b.abs_path;
            });
  std::sort(result.errors.begin(), result.errors.end());
  return result;
}

} // namespace keyshift::cpp
