// The repository plan's model flows (DECISIONS "Coverage and proxy": a
// model name that reaches `model=` from a literal default of an env read is
// rewritten when the plan proves the flow, else reported with the chain).
//
//   settings.py  MODEL = os.getenv("SUPPORT_BOT_MODEL", "gpt-4o-mini")
//   llm.py       client.chat.completions.create(model=settings.MODEL, ...)
//   .env.example SUPPORT_BOT_MODEL=gpt-4o-mini
//
// The variable is a model flow when every use of every name bound to it is
// the model name of a call whose client moves to the proxy (and no client's
// key flow is held): then its values, the read's default and the config
// files' values, take the proxy's naming in one change with the clients.
// Anything else that reads the name (a log line, a comparison, a client
// that stays) could see the new value, so nothing moves and the call sites
// keep their "make sure the proxy serves its value" report.
#include "base/line_index.h"
#include "base/model_naming.h"
#include "driver/repo_plan.h"

#include <algorithm>
#include <set>

namespace keyshift::driver {
namespace {

void addUnique(std::vector<std::string> &to, const std::string &env) {
  if (std::find(to.begin(), to.end(), env) == to.end())
    to.push_back(env);
}

} // namespace

void RepoPlan::proveModelFlows() {
  // Variables that are key or URL flows are never model flows.
  std::set<std::string> other_flows;
  for (const auto &[path, rec] : files_)
    for (const Consumer &c : rec.consumers)
      other_flows.insert(c.envs.begin(), c.envs.end());
  std::map<std::string, ModelFlow> flows;
  std::set<std::string> refused;
  for (const auto &[path, rec] : files_)
    for (const Binding &b : rec.bindings) {
      if (b.name_only || other_flows.count(b.env) || refused.count(b.env))
        continue;
      ModelFlow &flow = flows[b.env];
      bool ok = true;
      // Every use of the name, in every file, must be a model name.
      for (const auto &[upath, urec] : files_)
        for (const Use &u : urec.uses) {
          if (lookup(u.symbol) != &b)
            continue;
          auto m = std::find_if(urec.model_uses.begin(), urec.model_uses.end(),
                                [&](const ModelUse &mu) {
                                  return mu.at == u.offset &&
                                         lookup(mu.symbol) == &b;
                                });
          if (m == urec.model_uses.end()) {
            if (ok) {
              RelatedSite why = u.site;
              why.message += ", not as a model name: its value stays as it is";
              refused_.emplace(b.env, std::move(why));
            }
            ok = false;
            break;
          }
          if (flow.uses.empty())
            flow.moves = m->moves;
          else if (flow.moves != m->moves && ok) {
            // Some clients move, others are on a proxy already: one value
            // cannot be named for both.
            RelatedSite why = m->site;
            why.message += m->moves ? ", while an earlier use's client is "
                                      "on a proxy already"
                                    : ", while an earlier use's client moves "
                                      "to the proxy";
            why.message += ": its value stays as it is";
            refused_.emplace(b.env, std::move(why));
            ok = false;
          }
          flow.uses.push_back(m->site);
          for (const std::string &env : m->envs)
            addUnique(flow.envs, env);
          if (const Binding *key =
                  m->key_symbol.empty() ? nullptr : lookup(m->key_symbol))
            addUnique(flow.envs, key->env);
        }
      for (const std::string &env : flow.envs)
        if (auto held = blocked_.find(env); ok && held != blocked_.end()) {
          ok = false;
          RelatedSite why = held->second.front();
          why.message =
              "the client's key (" + env + ") is held back: " + why.message;
          refused_.emplace(b.env, std::move(why));
        }
      if (!ok) {
        refused.insert(b.env);
        flows.erase(b.env);
      }
    }
  for (auto &[env, flow] : flows) {
    if (flow.uses.empty())
      continue;
    addUnique(flow.envs, env);
    // One value the proxy cannot name holds them all: one variable, one
    // name at run time, whichever file supplies it.
    for (const auto &[path, rec] : files_)
      for (const Value &v : rec.values)
        if (v.value.env == env) {
          ProxyModelName m = proxyModelName(models_, v.value.value);
          if (!m.why.empty() && flow.why.empty())
            flow.why = m.why + " (" + whereIs(v.site) + ")";
          flow.renames =
              flow.renames || (!m.to.empty() && m.to != v.value.value);
        }
    model_flows_.emplace(env, std::move(flow));
  }
}

bool RepoPlan::edits(const std::string &repo_path) const {
  auto rec = files_.find(repo_path);
  return rec != files_.end() &&
         std::any_of(rec->second.values.begin(), rec->second.values.end(),
                     [&](const Value &v) {
                       return model_flows_.count(v.value.env) != 0;
                     });
}

void RepoPlan::applyModelFlows(const std::string &repo_path,
                               const SourceFile &file,
                               std::vector<Finding> &findings) const {
  auto rec = files_.find(repo_path);
  if (rec == files_.end())
    return;
  // The call sites: say where the name is given the proxy's naming.
  for (Finding &f : findings) {
    if (f.model_symbol.empty())
      continue;
    const Binding *b = lookup(absolute(repo_path, f.model_symbol));
    if (!b || b->name_only)
      continue;
    if (auto why = refused_.find(b->env); why != refused_.end())
      f.related.push_back(why->second);
    auto flow = model_flows_.find(b->env);
    if (flow == model_flows_.end())
      continue;
    const ModelFlow &mf = flow->second;
    f.message = "model name comes from " + b->name + ", which reads " + b->env;
    if (!mf.why.empty())
      f.message += " (not rewritten: " + mf.why + ")";
    else if (mf.moves && mf.renames)
      f.message += ": its values take the proxy's naming in the same change "
                   "as the client";
    else
      f.message += ": the proxy must serve its values (`keyshift verify` "
                   "checks them where they are set)";
    for (const auto &[path, other] : files_)
      for (const Value &v : other.values)
        if (v.value.env == b->env)
          f.related.push_back(v.site);
  }
  // The values in this file.
  std::string_view content = file.content();
  Language lang = file.language();
  // The model-name rules' ids; config files have no such rule.
  std::string rule_id =
      lang == Language::Python ? "python.model-name"
      : (lang == Language::JavaScript || lang == Language::TypeScript ||
         lang == Language::Tsx)
          ? std::string(languageName(lang)) + ".model-name"
          : "config.model-name";
  for (const Value &v : rec->second.values) {
    auto flow = model_flows_.find(v.value.env);
    const ByteRange r = v.value.range;
    if (flow == model_flows_.end() || r.end() > content.size() ||
        content.substr(r.offset, r.length) != v.value.value)
      continue; // not a model flow, or not the bytes the index pass read
    const ModelFlow &mf = flow->second;
    Finding f;
    f.rule_id = rule_id;
    f.kind = FindingKind::ModelName;
    f.severity = Severity::Note;
    f.range = r;
    // A quoted literal shows its quotes, as the rules' findings do (verify
    // reads the name from them).
    bool quoted =
        r.offset > 0 && r.end() < content.size() &&
        (content[r.offset - 1] == '"' || content[r.offset - 1] == '\'') &&
        content[r.end()] == content[r.offset - 1];
    f.before = quoted ? std::string(content.substr(r.offset - 1, r.length + 2))
                      : v.value.value;
    f.related = mf.uses;
    ProxyModelName m = proxyModelName(models_, v.value.value);
    std::string what = "value of " + v.value.env +
                       ", used only as the model name of calls on clients " +
                       (mf.moves ? "that move" : "on a proxy");
    if (!mf.why.empty() || !mf.moves || m.to.empty() || m.to == v.value.value) {
      f.message = what + ": the proxy must serve it (`keyshift verify` checks)";
      if (!mf.why.empty())
        f.message += " (not rewritten: " + mf.why + ")";
      findings.push_back(std::move(f));
      continue;
    }
    f.message =
        what + ": takes the proxy's naming: " + v.value.value + " -> " + m.to;
    f.change = ChangeGroup{rule_id, {Edit{r, m.to, rule_id}}};
    f.after = quoted ? std::string(1, content[r.offset - 1]) + m.to +
                           content[r.offset - 1]
                     : m.to;
    f.flow_envs = mf.envs;
    findings.push_back(std::move(f));
  }
}

} // namespace keyshift::driver
