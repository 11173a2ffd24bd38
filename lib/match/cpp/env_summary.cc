#include "match/cpp/env_summary.h"

#include <algorithm>

namespace keyshift::cpp::detail {
namespace {

/// Past this many sources a result says nothing a reviewer can use: it
/// becomes one Opaque source (and bounds recursive substitution).
constexpr std::size_t kMaxSources = 32;
/// Rounds of resolution across TUs: each round goes one call deeper.
constexpr int kMaxRounds = 16;

const ArgValue *argAt(const std::vector<ArgValue> &args, int index) {
  return index >= 0 && static_cast<std::size_t>(index) < args.size()
             ? &args[static_cast<std::size_t>(index)]
             : nullptr;
}

ValueSource opaque(std::string what) {
  ValueSource s;
  s.kind = ValueSource::Kind::Opaque;
  s.what = std::move(what);
  return s;
}

void inCallerTerms(const ValueSource &s, const FunctionSummary &callee,
                   const std::vector<ArgValue> &args, const std::string &via,
                   std::vector<ValueSource> &out);

ArgValue argInCallerTerms(const ArgValue &b, const FunctionSummary &callee,
                          const std::vector<ArgValue> &args,
                          const std::string &via) {
  ArgValue mapped;
  mapped.name = b.name;
  if (!mapped.name)
    if (const ArgValue *a = argAt(args, b.param()))
      mapped.name = a->name;
  for (const ValueSource &s : b.sources)
    inCallerTerms(s, callee, args, via, mapped.sources);
  return mapped;
}

void inCallerTerms(const ValueSource &s, const FunctionSummary &callee,
                   const std::vector<ArgValue> &args, const std::string &via,
                   std::vector<ValueSource> &out) {
  using Kind = ValueSource::Kind;
  switch (s.kind) {
  case Kind::Env:
  case Kind::Key:
  case Kind::Opaque: {
    ValueSource copy = s;
    copy.what += via;
    mergeSources(out, {copy});
    return;
  }
  case Kind::EnvOfParam: {
    const ArgValue *a = argAt(args, s.param);
    ValueSource r;
    if (a && a->name) {
      r.kind = Kind::Env;
      r.env = *a->name;
      r.what = "getenv(\"" + *a->name + "\") in " + callee.name + "() (" +
               callee.where + ")" + via;
    } else if (a && a->param() >= 0) {
      r.kind = Kind::EnvOfParam;
      r.param = a->param();
      r.what = s.what + via;
    } else {
      r = opaque("getenv of a name keyshift cannot tell in " + callee.name +
                 "() (" + callee.where + ")" + via);
    }
    mergeSources(out, {r});
    return;
  }
  case Kind::Param:
    if (const ArgValue *a = argAt(args, s.param))
      mergeSources(out, a->sources);
    else
      mergeSources(out, {opaque("a default argument of " + callee.name +
                                "() (" + callee.where + ")" + via)});
    return;
  case Kind::Call: {
    ValueSource call = s;
    call.args.clear();
    for (const ArgValue &b : s.args)
      call.args.push_back(argInCallerTerms(b, callee, args, via));
    mergeSources(out, {call});
    return;
  }
  }
}

/// A call whose callee no TU defines (or a cycle): what it returns is not
/// known.
ValueSource unknownResult(const ValueSource &call) {
  return opaque("the result of " + call.callee_name + "() " + call.what);
}

void capSources(std::vector<ValueSource> &sources, const std::string &name) {
  if (sources.size() > kMaxSources)
    sources = {opaque("the result of " + name + "(), too many sources")};
}

} // namespace

bool ValueSource::operator==(const ValueSource &o) const {
  return kind == o.kind && env == o.env && param == o.param && what == o.what &&
         callee == o.callee && args == o.args;
}

bool ArgValue::operator==(const ArgValue &o) const {
  return name == o.name && sources == o.sources;
}

int ArgValue::param() const {
  return !name && sources.size() == 1 &&
                 sources[0].kind == ValueSource::Kind::Param
             ? sources[0].param
             : -1;
}

bool FunctionSummary::readsNameAt(int index) const {
  bool reads = false;
  for (const NameUse &u : name_uses)
    if (u.param == index) {
      if (u.sets)
        return false;
      reads = reads || u.callee.empty();
    }
  return reads;
}

void mergeSources(std::vector<ValueSource> &into,
                  const std::vector<ValueSource> &more) {
  for (const ValueSource &s : more)
    if (std::find(into.begin(), into.end(), s) == into.end())
      into.push_back(s);
}

std::vector<ValueSource> substitute(const FunctionSummary &callee,
                                    const std::vector<ArgValue> &args,
                                    const std::string &via) {
  std::vector<ValueSource> out;
  for (const ValueSource &s : callee.result)
    inCallerTerms(s, callee, args, via, out);
  capSources(out, callee.name);
  return out;
}

std::vector<NameUse> substituteNameUses(const FunctionSummary &callee,
                                        const std::vector<ArgValue> &args) {
  std::vector<NameUse> out;
  for (const NameUse &u : callee.name_uses)
    if (const ArgValue *a = argAt(args, u.param); a && a->param() >= 0)
      out.push_back(
          NameUse{a->param(), u.callee, u.callee_param, u.callee_name, u.sets});
  return out;
}

FunctionSummary resolveWith(const FunctionSummary &f, const std::string &usr,
                            const SummaryLookup &lookup, bool keep_unknown) {
  FunctionSummary r;
  r.name = f.name;
  r.where = f.where;
  r.may_send = f.may_send;
  for (const ValueSource &s : f.result) {
    if (s.kind != ValueSource::Kind::Call) {
      mergeSources(r.result, {s});
      continue;
    }
    const FunctionSummary *g = s.callee == usr ? nullptr : lookup(s.callee);
    if (g)
      mergeSources(
          r.result,
          substitute(*g, s.args, " via " + s.callee_name + "() " + s.what));
    else if (keep_unknown)
      mergeSources(r.result, {s});
    else
      mergeSources(r.result, {unknownResult(s)});
  }
  capSources(r.result, f.name);
  for (const NameUse &u : f.name_uses) {
    if (u.callee.empty()) {
      r.name_uses.push_back(u);
      continue;
    }
    const FunctionSummary *g = u.callee == usr ? nullptr : lookup(u.callee);
    if (!g) {
      // Defined nowhere keyshift looked: it may write the variable.
      r.name_uses.push_back(keep_unknown ? u
                                         : NameUse{u.param, "", -1, "", true});
      continue;
    }
    for (const NameUse &v : g->name_uses)
      if (v.param == u.callee_param)
        r.name_uses.push_back(
            NameUse{u.param, v.callee, v.callee_param, v.callee_name, v.sets});
  }
  std::sort(r.name_uses.begin(), r.name_uses.end());
  r.name_uses.erase(std::unique(r.name_uses.begin(), r.name_uses.end()),
                    r.name_uses.end());
  return r;
}

void resolveSummaries(SummaryTable &table) {
  auto in = [&](const SummaryTable &t) -> SummaryLookup {
    return [&t](const std::string &usr) -> const FunctionSummary * {
      auto it = t.find(usr);
      return it == t.end() ? nullptr : &it->second;
    };
  };
  for (int round = 0; round < kMaxRounds; ++round) {
    SummaryTable next;
    for (const auto &[usr, f] : table)
      next.emplace(usr, resolveWith(f, usr, in(table), true));
    bool same = next == table;
    table = std::move(next);
    if (same)
      break;
  }
  SummaryTable last;
  for (const auto &[usr, f] : table) {
    FunctionSummary r = resolveWith(f, usr, in(table), false);
    // What a cycle left behind after the last round.
    std::vector<ValueSource> known;
    for (const ValueSource &s : r.result)
      mergeSources(known,
                   {s.kind == ValueSource::Kind::Call ? unknownResult(s) : s});
    r.result = std::move(known);
    for (NameUse &u : r.name_uses)
      if (!u.callee.empty())
        u = NameUse{u.param, "", -1, "", true}; // a cycle: not known
    std::sort(r.name_uses.begin(), r.name_uses.end());
    r.name_uses.erase(std::unique(r.name_uses.begin(), r.name_uses.end()),
                      r.name_uses.end());
    last.emplace(usr, std::move(r));
  }
  table = std::move(last);
}

} // namespace keyshift::cpp::detail
