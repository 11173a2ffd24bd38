#include "match/cpp/cross_tu_calls.h"

#include <cctype>
#include <map>
#include <set>

namespace keyshift::cpp::detail {
namespace {

/// Each round goes one call deeper into functions of other TUs.
constexpr int kMaxRounds = 8;

bool identifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

/// The functions `table`'s summaries call that it does not summarise yet.
std::set<std::string> stillWanted(const SummaryTable &table) {
  std::set<std::string> names;
  std::function<void(const ValueSource &)> visit = [&](const ValueSource &s) {
    if (s.kind == ValueSource::Kind::Call && !table.count(s.callee))
      names.insert(s.callee_name);
    for (const ArgValue &a : s.args)
      for (const ValueSource &inner : a.sources)
        visit(inner);
  };
  for (const auto &[usr, f] : table) {
    for (const ValueSource &s : f.result)
      visit(s);
    for (const NameUse &u : f.name_uses)
      if (!u.callee.empty() && !table.count(u.callee))
        names.insert(u.callee_name);
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

void followCalls(std::vector<TuJob> &jobs, std::vector<TuOutput> &outputs,
                 const std::vector<SummarySource> &sources, const RunTus &run,
                 SummaryTable &table) {
  std::set<std::string> asked;
  std::set<std::string> ask;
  for (const TuOutput &out : outputs)
    for (const auto &[usr, name] : out.wanted)
      ask.insert(name);
  for (int round = 0; round < kMaxRounds && !ask.empty(); ++round) {
    asked.insert(ask.begin(), ask.end());
    std::vector<TuJob> summary_jobs;
    for (const SummarySource &source : sources) {
      if (!source.text)
        continue;
      TuJob job{source.command, {}, nullptr, {}};
      for (const std::string &name : ask)
        if (spellsIdentifier(*source.text, name))
          job.summarize.insert(name);
      if (!job.summarize.empty())
        summary_jobs.push_back(std::move(job));
    }
    for (TuOutput &out : run(summary_jobs))
      // A TU that did not parse cleanly may have lost statements that
      // carry a key: its summaries are not trusted.
      if (!out.error)
        for (auto &[usr, summary] : out.summaries)
          table.emplace(usr, std::move(summary));
    ask.clear();
    for (const std::string &name : stillWanted(table))
      if (!asked.count(name))
        ask.insert(name);
  }
  if (table.empty())
    return;
  resolveSummaries(table);
  std::vector<std::size_t> again;
  for (std::size_t i = 0; i < outputs.size(); ++i)
    for (const auto &[usr, name] : outputs[i].wanted)
      if (table.count(usr)) {
        again.push_back(i);
        break;
      }
  if (again.empty())
    return;
  std::vector<TuJob> rerun;
  for (std::size_t i : again) {
    jobs[i].summaries = &table;
    rerun.push_back(jobs[i]);
  }
  std::vector<TuOutput> second = run(rerun);
  for (std::size_t k = 0; k < again.size(); ++k)
    outputs[again[k]] = std::move(second[k]);
}

} // namespace keyshift::cpp::detail
