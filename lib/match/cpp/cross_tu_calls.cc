#include "match/cpp/cross_tu_calls.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace keyshift::cpp::detail {
namespace {

/// Each round goes one call deeper into functions of other TUs.
constexpr int kMaxRounds = 8;

std::string fileName(const std::string &path) {
  return path.substr(path.find_last_of('/') + 1);
}

bool identifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

/// USR -> name of the functions `table`'s summaries call that it does not
/// summarise yet.
std::map<std::string, std::string> stillWanted(const SummaryTable &table) {
  std::map<std::string, std::string> names;
  std::function<void(const ValueSource &)> visit = [&](const ValueSource &s) {
    if (s.kind == ValueSource::Kind::Call && !table.count(s.callee))
      names.emplace(s.callee, s.callee_name);
    for (const ArgValue &a : s.args)
      for (const ValueSource &inner : a.sources)
        visit(inner);
  };
  for (const auto &[usr, f] : table) {
    for (const ValueSource &s : f.result)
      visit(s);
    for (const NameUse &u : f.name_uses)
      if (!u.callee.empty() && !table.count(u.callee))
        names.emplace(u.callee, u.callee_name);
  }
  return names;
}

} // namespace

bool spellsIdentifier(std::string_view text, std::string_view name) {
  if (name.empty())
    return false;
  for (std::size_t at = text.find(name); at != std::string_view::npos;
       at = text.find(name, at + 1)) {
    std::size_t end = at + name.size();
    if ((at == 0 || !identifierChar(text[at - 1])) &&
        (end == text.size() || !identifierChar(text[end])))
      return true;
  }
  return false;
}

namespace {

/// A job for the sources that spell one of `names` (USR -> name): `fill`
/// gives the job what to look for there, or says the source need not be
/// asked about it.
std::vector<TuJob>
jobsSpelling(const std::vector<SummarySource> &sources,
             const std::map<std::string, std::string> &names,
             const std::function<bool(TuJob &, const std::string &usr,
                                      const std::string &name)> &fill) {
  std::vector<TuJob> out;
  for (const SummarySource &source : sources) {
    TuJob job;
    job.command = source.command;
    bool any = false;
    auto spelled = [&](const std::string &word) {
      return std::any_of(source.texts.begin(), source.texts.end(),
                         [&](const std::string *text) {
                           return spellsIdentifier(*text, word);
                         });
    };
    for (const auto &[usr, name] : names) {
      // A file that can see `acme::unit0::endpoint` spells unit0 too (in
      // a namespace block, a qualified name or a using directive).
      std::string ns = innermostNamespace(usr);
      if (spelled(name) && (ns.empty() || spelled(ns)) && fill(job, usr, name))
        any = true;
    }
    if (any)
      out.push_back(std::move(job));
  }
  return out;
}

/// Two definitions of one function (two programs of the repository, or
/// `#ifdef`s): a call may run either, so the result carries what either
/// returns, and a parameter names a variable only if both read it so.
void mergeDefinitions(SummaryTable &table, const std::string &usr,
                      FunctionSummary summary) {
  auto [it, added] = table.emplace(usr, summary);
  if (added || it->second == summary)
    return;
  FunctionSummary &into = it->second;
  mergeSources(into.result, summary.result);
  into.may_send = into.may_send || summary.may_send;
  std::vector<NameUse> both;
  for (const NameUse &u : into.name_uses)
    if (u.sets || std::find(summary.name_uses.begin(), summary.name_uses.end(),
                            u) != summary.name_uses.end())
      both.push_back(u);
  for (const NameUse &u : summary.name_uses)
    if (u.sets)
      both.push_back(u);
  std::sort(both.begin(), both.end());
  both.erase(std::unique(both.begin(), both.end()), both.end());
  into.name_uses = std::move(both);
}

/// Summaries of the functions the first pass asked about, and of those
/// they call in turn, resolved against each other.
void summarise(const std::vector<TuOutput> &outputs,
               const std::vector<SummarySource> &sources, const RunTus &run,
               SummaryTable &table) {
  std::set<std::string> asked;
  std::map<std::string, std::string> ask; // USR -> name
  for (const TuOutput &out : outputs)
    ask.insert(out.wanted.begin(), out.wanted.end());
  for (int round = 0; round < kMaxRounds && !ask.empty(); ++round) {
    for (const auto &[usr, name] : ask)
      asked.insert(usr);
    std::vector<TuJob> jobs =
        jobsSpelling(sources, ask,
                     [](TuJob &job, const std::string &, const std::string &n) {
                       job.summarize.insert(n);
                       return true;
                     });
    for (TuOutput &out : run(jobs))
      // A TU that did not parse cleanly may have lost statements that
      // carry a key: its summaries are not trusted.
      if (!out.error)
        for (auto &[usr, summary] : out.summaries)
          mergeDefinitions(table, usr, std::move(summary));
    ask.clear();
    for (const auto &[usr, name] : stillWanted(table))
      if (!asked.count(usr))
        ask.emplace(usr, name);
  }
  if (!table.empty())
    resolveSummaries(table);
}

/// `usr`'s check with those of the escapes its users' TUs found, at any
/// depth.
RequestCheck closeOver(const std::string &usr, const CallerChecks &direct,
                       std::set<std::string> &visiting) {
  RequestCheck out;
  auto it = direct.find(usr);
  if (it == direct.end() || !visiting.insert(usr).second)
    return out;
  mergeCheck(out, it->second);
  for (const auto &[next, name] : it->second.escapes)
    mergeCheck(out, closeOver(next, direct, visiting));
  return out;
}

/// What the requests of every TU send through the escapes of the first
/// pass's URLs.
void askCallers(const std::vector<TuJob> &first,
                const std::vector<TuOutput> &outputs,
                const std::vector<SummarySource> &sources, const RunTus &run,
                const SummaryTable &table, CallerChecks &callers) {
  std::vector<const ruleset::Rule *> rules =
      first.empty() ? std::vector<const ruleset::Rule *>{}
                    : first.front().run_rules;
  std::map<std::string, std::string> ask;
  // The TU that found an escape followed its users there already.
  std::map<std::string, std::set<std::string>> found_in;
  for (std::size_t i = 0; i < outputs.size(); ++i)
    for (const auto &[usr, name] : outputs[i].escapes) {
      ask.emplace(usr, name);
      found_in[usr].insert(first[i].command.file);
    }
  CallerChecks direct;
  std::set<std::string> asked;
  for (int round = 0; round < kMaxRounds && !ask.empty(); ++round) {
    for (const auto &[usr, name] : ask)
      asked.insert(usr);
    std::vector<TuJob> jobs = jobsSpelling(
        sources, ask,
        [&](TuJob &job, const std::string &usr, const std::string &name) {
          if (found_in[usr].count(job.command.file))
            return false;
          job.callers_of.emplace(usr, name);
          job.summaries = table.empty() ? nullptr : &table;
          job.run_rules = rules;
          return true;
        });
    std::vector<TuOutput> outs = run(jobs);
    for (std::size_t k = 0; k < outs.size(); ++k) {
      if (!outs[k].error) {
        for (const auto &[usr, check] : outs[k].caller_checks) {
          mergeCheck(direct[usr], check);
          for (const auto &[next, name] : check.escapes)
            found_in[next].insert(jobs[k].command.file);
        }
        continue;
      }
      // It spells the name, and what its requests send is unknown: it may
      // be any key.
      for (const auto &[usr, name] : jobs[k].callers_of) {
        RequestCheck failed;
        failed.blocked = fileName(jobs[k].command.file) + ", which uses " +
                         name +
                         ", failed to parse: fix the build or move the "
                         "URL by hand";
        failed.untraced = true;
        mergeCheck(direct[usr], failed);
      }
    }
    ask.clear();
    for (const auto &[usr, check] : direct)
      for (const auto &[next, name] : check.escapes)
        if (!asked.count(next))
          ask.emplace(next, name);
  }
  // Only answers that change a decision: with none, the asking TUs'
  // first findings stand.
  for (const auto &[usr, check] : direct) {
    std::set<std::string> visiting;
    RequestCheck closed = closeOver(usr, direct, visiting);
    if (closed.blocked || closed.untraced || !closed.relies_on.empty() ||
        !closed.sends.empty())
      callers.emplace(usr, std::move(closed));
  }
}

} // namespace

std::string innermostNamespace(const std::string &usr) {
  std::string scope = usr.substr(0, usr.find("@F@"));
  std::size_t at = scope.rfind("@N@");
  if (at == std::string::npos)
    return "";
  std::size_t from = at + 3;
  return scope.substr(from, scope.find('@', from) - from);
}

void followCalls(std::vector<TuJob> &jobs, std::vector<TuOutput> &outputs,
                 const std::vector<SummarySource> &sources, const RunTus &run,
                 SummaryTable &table, CallerChecks &callers) {
  summarise(outputs, sources, run, table);
  askCallers(jobs, outputs, sources, run, table, callers);
  std::vector<std::size_t> again;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    bool asked = false;
    for (const auto &[usr, name] : outputs[i].wanted)
      asked = asked || table.count(usr);
    for (const auto &[usr, name] : outputs[i].escapes)
      asked = asked || callers.count(usr);
    if (asked)
      again.push_back(i);
  }
  if (again.empty())
    return;
  std::vector<TuJob> rerun;
  for (std::size_t i : again) {
    jobs[i].summaries = table.empty() ? nullptr : &table;
    jobs[i].callers = &callers;
    rerun.push_back(jobs[i]);
  }
  std::vector<TuOutput> second = run(rerun);
  for (std::size_t k = 0; k < again.size(); ++k)
    outputs[again[k]] = std::move(second[k]);
}

} // namespace keyshift::cpp::detail
