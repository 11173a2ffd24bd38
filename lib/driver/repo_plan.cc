#include "driver/repo_plan.h"

#include "base/line_index.h"
#include "driver/module_path.h"

#include <algorithm>
#include <tuple>

namespace keyshift::driver {
namespace {

class FileFlows final : public FlowQuery {
public:
  FileFlows(const RepoPlan &plan, std::string repo_path)
      : plan_(plan), path_(std::move(repo_path)) {}
  std::optional<KeySource> keySource(std::string_view symbol) const override {
    const RepoPlan::Binding *b =
        plan_.lookup(plan_.absolute(path_, std::string(symbol)));
    // A name constant holds a variable's name: no key is read there.
    if (!b || b->name_only)
      return std::nullopt;
    return KeySource{b->env, b->site};
  }
  std::optional<RelatedSite> setByCode(std::string_view env) const override {
    return plan_.setByCode(std::string(env));
  }
  std::vector<std::string> reExported(std::string_view symbol) const override {
    return plan_.reExported(path_, std::string(symbol));
  }

private:
  const RepoPlan &plan_;
  std::string path_;
};

} // namespace

std::string RepoPlan::absolute(const std::string &repo_path,
                               const std::string &symbol) const {
  std::string module = moduleOf(repo_path);
  if (isRelativeSpecifier(symbol)) {
    // "./lib/config.js.config.apiKey": the specifier ends at one of the
    // dots after its last '/', the longest that names a file.
    auto exists = [&](const std::string &p) { return files_.count(p) > 0; };
    std::size_t slash = symbol.rfind('/');
    for (std::size_t dot = symbol.size();
         dot != std::string::npos && dot > slash;
         dot = dot == 0 ? std::string::npos : symbol.rfind('.', dot - 1))
      if (auto file =
              resolveSpecifier(repo_path, symbol.substr(0, dot), exists))
        return moduleOf(*file) + symbol.substr(dot);
    return symbol; // no file of the index: no module binds it
  }
  if (isOwnSymbol(symbol))
    return module + "." + symbol.substr(1);
  if (!symbol.starts_with("."))
    return symbol;
  // Relative: the file's package, one level up per extra dot.
  std::string package = module;
  if (!repo_path.ends_with("__init__.py"))
    package = package.substr(
        0, package.rfind('.') == std::string::npos ? 0 : package.rfind('.'));
  std::size_t dots = 0;
  while (dots < symbol.size() && symbol[dots] == '.')
    ++dots;
  for (std::size_t i = 1; i < dots; ++i)
    package = package.substr(
        0, package.rfind('.') == std::string::npos ? 0 : package.rfind('.'));
  return package.empty() ? symbol.substr(dots)
                         : package + "." + symbol.substr(dots);
}

std::vector<std::string> RepoPlan::add(const std::string &repo_path,
                                       const SourceFile &file,
                                       const ModuleFacts &facts,
                                       const std::vector<Finding> &findings) {
  LineIndex index(file.content());
  auto site = [&](std::size_t offset, std::string message) {
    Position p = index.position(offset);
    return RelatedSite{repo_path, static_cast<unsigned>(p.line),
                       static_cast<unsigned>(p.column), std::move(message)};
  };
  FileRecord rec;
  rec.module = moduleOf(repo_path);
  rec.reexports = facts.reexports;
  std::vector<std::pair<std::string, RelatedSite>> writes;
  const bool base_urls_held =
      std::any_of(findings.begin(), findings.end(),
                  [](const Finding &f) { return f.blocks_base_url; });
  for (const ModuleFacts::Binding &b : facts.bindings)
    rec.bindings.push_back(
        {rec.module, b.name, b.env,
         site(b.offset, b.name_only ? b.name + " names " + b.env
                        : b.implicit.empty()
                            ? b.name + " reads " + b.env
                            : b.name + " is " + b.implicit + ", reading " +
                                  b.env +
                                  " by itself (keyshift does not "
                                  "rename it)"),
         b.offset, b.exported, !b.implicit.empty(), b.name_only});
  for (const ModuleFacts::Use &u : facts.uses)
    rec.uses.push_back(
        {u.symbol, // made absolute in finish(), when every file is known
         site(u.offset, "uses " + u.symbol.substr(isOwnSymbol(u.symbol))),
         u.offset});
  for (const ModuleFacts::EnvValue &v : facts.env_values)
    rec.values.push_back(
        {v, site(v.range.offset, v.env + " is set to " + v.value + " here")});
  // The module-level client's calls and its configuration (Consumer::
  // sdk_default).
  auto sdkDefault = [](const Finding &f) {
    return f.rule_id.starts_with("python.module-client-call");
  };
  for (const Finding &f : findings) {
    if (f.rule_id.starts_with("python.module-config"))
      rec.module_config = true;
    if (!f.model_symbol.empty())
      rec.model_uses.push_back(
          {f.model_symbol, f.model_at, f.model_client_moves, f.flow_envs,
           f.key_symbol, // both made absolute in finish()
           site(f.model_at,
                std::string("the model name of a call whose "
                            "client ") +
                    (f.model_client_moves ? "moves to the proxy"
                                          : "is on a proxy already"))});
    // A client found through a local module is kept until finish() knows
    // whether it is one (it may stay on OpenAI, reading OPENAI_API_KEY).
    if (f.flow_envs.empty() && f.key_symbol.empty() && !f.opaque_key &&
        f.client_symbol.empty())
      continue;
    // A report with nothing to change (a rule without a target) neither
    // moves nor holds anything back; a client left for review, or a C++
    // site whose TUs disagree (it stays), does.
    if (!f.change && f.kind != FindingKind::NeedsReview &&
        f.kind != FindingKind::Conflict)
      continue;
    // A model name shares its client's change and flows so it moves with
    // it; left unchanged (in a later notebook cell than its client), it
    // holds nothing back: the client's own finding decides.
    if (!f.change && f.rule_id.find("model-name") != std::string::npos)
      continue;
    Consumer c;
    c.envs = f.flow_envs;
    c.symbol = f.key_symbol; // made absolute in finish()
    c.key_at = f.key_at;
    // holdBaseUrls (finding/base_url_hold.h) drops it in the edit pass:
    // a key sent with it must stay too.
    c.moves = f.change.has_value() &&
              !(base_urls_held && (f.kind == FindingKind::EndpointLiteral ||
                                   f.kind == FindingKind::EnvBaseUrlRef));
    c.opaque = f.opaque_key && !c.moves;
    c.sdk_default = sdkDefault(f);
    c.client_symbol = f.client_symbol; // made absolute in finish()
    c.client_symbols = f.client_symbols;
    if (f.escapes_to) {
      c.escapes_to = *f.escapes_to;
      c.escapes_to->file = repo_path;
    }
    // A client or module configuration left for review stays on OpenAI;
    // anything else (a key sent by hand to a URL that stays) stays put.
    bool client = f.rule_id.find("client") != std::string::npos ||
                  f.rule_id.find("module-config") != std::string::npos;
    c.client = client;
    c.site = site(f.range.offset, c.moves  ? "moves to the proxy"
                                  : client ? "stays on OpenAI"
                                           : "does not move (see its finding)");
    // Sites that read a variable keyshift cannot rename, in the chain's
    // words.
    if (!c.envs.empty() && f.rule_id.ends_with(".env-name-literal"))
      c.site.message =
          "names " + c.envs.front() + " in a string keyshift does not follow";
    if (!c.envs.empty() && f.rule_id.ends_with(".settings-field"))
      c.site.message =
          "a pydantic settings field reading " + c.envs.front() + " by itself";
    if (f.sets_env)
      for (const std::string &env : f.flow_envs) {
        c.site.message = "sets " + env + " from a value keyshift cannot check";
        writes.emplace_back(env, c.site);
      }
    rec.consumers.push_back(std::move(c));
  }
  std::vector<std::string> names = bindingNamesOf(rec);
  std::lock_guard<std::mutex> lock(mu_);
  files_[repo_path] = std::move(rec);
  // The first writer in path order, whatever order the threads add files in.
  for (auto &[env, s] : writes) {
    auto it = set_by_code_.find(env);
    if (it == set_by_code_.end() ||
        std::tie(s.file, s.line, s.column) <
            std::tie(it->second.file, it->second.line, it->second.column))
      set_by_code_[env] = s;
  }
  return names;
}

std::optional<RelatedSite> RepoPlan::setByCode(const std::string &env) const {
  auto it = set_by_code_.find(env);
  if (it == set_by_code_.end())
    return std::nullopt;
  return it->second;
}

std::vector<std::string> RepoPlan::spellings(const std::string &symbol) const {
  std::vector<std::string> out{symbol};
  // Breadth-first over re-exports, a few hops deep (a cycle of
  // `export *` ends there).
  for (std::size_t i = 0; i < out.size() && out.size() < 16; ++i) {
    const std::string s = out[i];
    for (std::size_t dot = s.rfind('.'); dot != std::string::npos && dot > 0;
         dot = s.rfind('.', dot - 1)) {
      auto module = path_of_module_.find(s.substr(0, dot));
      if (module == path_of_module_.end())
        continue;
      const std::string &path = module->second;
      std::string rest = s.substr(dot + 1);
      std::string first = rest.substr(0, rest.find('.'));
      for (const ModuleFacts::ReExport &re : files_.at(path).reexports) {
        std::string to;
        if (re.name == "*")
          to = absolute(path, re.from) + "." + rest;
        else if (re.name == first)
          to = absolute(path, re.from) + rest.substr(first.size());
        if (!to.empty() && std::find(out.begin(), out.end(), to) == out.end())
          out.push_back(std::move(to));
      }
      break; // the longest module name that re-exports is the module
    }
  }
  return out;
}

std::vector<std::string> RepoPlan::reExported(const std::string &repo_path,
                                              const std::string &symbol) const {
  auto inIndex = [&](const std::string &s) {
    for (std::size_t dot = s.find('.'); dot != std::string::npos;
         dot = s.find('.', dot + 1))
      if (modules_.count(s.substr(0, dot)))
        return true;
    return false;
  };
  std::vector<std::string> out;
  for (std::string &s : spellings(absolute(repo_path, symbol)))
    if (!inIndex(s))
      out.push_back(std::move(s));
  return out;
}

void RepoPlan::proveClientClasses() {
  for (auto &[path, rec] : files_) {
    std::vector<Consumer> kept;
    for (Consumer &c : rec.consumers) {
      if (c.client_symbol.empty()) {
        kept.push_back(std::move(c));
        continue;
      }
      ReExportedClass is =
          reExportedClass(reExported(path, c.client_symbol), c.client_symbols);
      // As the edit pass decides it (match/treesitter/rule_loop.h): the
      // SDK's class, maybe the SDK's, or a class of the repository's own
      // (no client at all).
      if (!c.client) {
        // A key read passed to that class moves only with the SDK's client.
        if (is != ReExportedClass::Yes) {
          c.moves = false;
          c.site.message = "is passed as a key to " + c.client_symbol +
                           ", which keyshift cannot prove is the SDK's client";
        }
        c.client_symbol.clear();
        kept.push_back(std::move(c));
        continue;
      }
      c.client_symbol.clear();
      if (is == ReExportedClass::Yes) {
        // A client like any other; one that moves with no key of its own
        // relies on no flow.
        if (!c.moves || !c.envs.empty() || !c.symbol.empty() || c.escapes_to)
          kept.push_back(std::move(c));
      } else if (is == ReExportedClass::Maybe) {
        c.moves = false;
        c.site.message = "stays on OpenAI (its class may be the SDK's, "
                         "through a re-export keyshift cannot follow)";
        if (c.envs.empty() && c.symbol.empty())
          c.envs.emplace_back("OPENAI_API_KEY");
        kept.push_back(std::move(c));
      }
    }
    rec.consumers = std::move(kept);
  }
}

const RepoPlan::Binding *RepoPlan::lookup(const std::string &symbol) const {
  if (path_of_module_.empty())
    return lookupDirect(symbol);
  for (const std::string &s : spellings(symbol))
    if (const Binding *b = lookupDirect(s))
      return b;
  return nullptr;
}

const RepoPlan::Binding *
RepoPlan::lookupDirect(const std::string &symbol) const {
  // Longest prefix first: `pkg.settings.KEY.strip` names pkg.settings.KEY.
  for (std::string s = symbol; s.find('.') != std::string::npos;
       s.resize(s.rfind('.'))) {
    auto [lo, hi] = by_suffix_.equal_range(s);
    if (lo == hi)
      continue;
    const Binding *found = lo->second;
    for (auto it = lo; it != hi; ++it)
      if (it->second->env != found->env)
        return nullptr; // two modules could be meant: do not guess
    return found;
  }
  return nullptr;
}

std::vector<std::string> RepoPlan::bindingNamesOf(const FileRecord &rec) {
  std::vector<std::string> names;
  // A module re-exporting it (`export * from "./settings"`, from
  // "./config" for config/index.ts) names its file or directory.
  std::string stem = rec.module.substr(rec.module.rfind('.') + 1);
  if (stem == "index" && rec.module.find('.') != std::string::npos) {
    std::string dir = rec.module.substr(0, rec.module.rfind('.'));
    stem = dir.substr(dir.rfind('.') + 1);
  }
  // The last segment: `config.apiKey` is used as `config.apiKey` or
  // `const { apiKey } = require(...)`, both spelling apiKey.
  for (const Binding &b : rec.bindings) {
    names.push_back(b.name.substr(b.name.rfind('.') + 1));
    if (b.exported)
      names.push_back(stem);
  }
  // So does a module re-exporting a package's names (a client class:
  // `export { OpenAI } from "openai"`), for proveClientClasses(); and a
  // module a name is re-exported from (`export { OpenAI } from "./fake"`)
  // mentions that name.
  bool package = false;
  for (const ModuleFacts::ReExport &re : rec.reexports) {
    package = package || !isRelativeSpecifier(re.from);
    if (re.name != "*" && isRelativeSpecifier(re.from))
      names.push_back(re.from.substr(re.from.rfind('.') + 1));
  }
  if (package)
    names.push_back(stem);
  // A client class imported from a module with no trigger (`export class
  // OpenAI {}`): that module mentions the name (proveClientClasses).
  for (const Consumer &c : rec.consumers)
    if (!c.client_symbol.empty())
      names.push_back(c.client_symbol.substr(c.client_symbol.rfind('.') + 1));
  // A settings module that binds a model name and mentions no OpenAI
  // name has no trigger: it is found by the name its users send.
  for (const ModelUse &m : rec.model_uses)
    names.push_back(m.symbol.substr(m.symbol.rfind('.') + 1));
  return names;
}

std::vector<std::string> RepoPlan::bindingNames() const {
  std::vector<std::string> names;
  for (const auto &[path, rec] : files_) {
    std::vector<std::string> own = bindingNamesOf(rec);
    names.insert(names.end(), own.begin(), own.end());
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

void RepoPlan::finish() {
  for (auto &[path, rec] : files_) {
    modules_.insert(rec.module);
    if (!rec.reexports.empty())
      path_of_module_.emplace(rec.module, path);
  }
  for (auto &[path, rec] : files_) {
    for (Use &u : rec.uses)
      u.symbol = absolute(path, u.symbol);
    for (Consumer &c : rec.consumers)
      if (!c.symbol.empty())
        c.symbol = absolute(path, c.symbol);
    for (ModelUse &m : rec.model_uses) {
      m.symbol = absolute(path, m.symbol);
      if (!m.key_symbol.empty())
        m.key_symbol = absolute(path, m.key_symbol);
    }
  }
  proveClientClasses();
  // Bindings by every dotted suffix of module.NAME with at least two
  // segments, so `support_bot.settings.KEY` finds
  // testdata/demo/support_bot/settings.py (the import root is unknown).
  for (auto &[path, rec] : files_)
    for (const Binding &b : rec.bindings) {
      std::string full = b.module + "." + b.name;
      for (std::size_t pos = 0;;) {
        if (full.find('.', pos) == std::string::npos)
          break;
        by_suffix_.emplace(full.substr(pos), &b);
        pos = full.find('.', pos) + 1;
      }
    }
  // Code that stays on OpenAI sending a key keyshift cannot trace (or
  // naming one no module binds, which the edit pass cannot trace either):
  // a renamed read whose value goes where keyshift does not follow could be
  // that key, so such reads are held back with it.
  std::optional<RelatedSite> opaque;
  for (auto &[path, rec] : files_) {
    for (const Consumer &c : rec.consumers) {
      if (c.opaque) {
        opaque = c.site;
        opaque->message =
            "sends a key keyshift cannot trace, and " + opaque->message;
      } else if (!c.symbol.empty() && c.envs.empty() && !lookup(c.symbol)) {
        // Its finding moved in the index pass only because the plan was
        // still to decide; no module binds the name, so it stays.
        opaque = c.site;
        opaque->message = "takes its key from " + c.symbol +
                          ", which keyshift cannot trace, and stays on OpenAI";
      }
      if (opaque)
        break;
    }
    if (opaque)
      break;
  }
  for (auto &[path, rec] : files_) {
    // A settings field reads its variable by itself: that read stays, so
    // the variable's flow does.
    for (const Binding &b : rec.bindings)
      if (b.implicit)
        block(b.env, {b.site});
    // An export could be what that code names: through a path alias or a
    // re-export the plan does not resolve, any export may reach it.
    for (const Binding &b : rec.bindings)
      if (opaque && b.exported) {
        RelatedSite s = b.site;
        s.message += ", exported";
        block(b.env, {s, *opaque});
      }
    for (const Consumer &c : rec.consumers) {
      if (opaque && c.moves && c.escapes_to)
        for (const std::string &env : c.envs)
          block(env, {*c.escapes_to, *opaque});
      // A module-level call beside `openai.api_key = ...`: that
      // configuration decides. Set in another file only, it is not known
      // to run first, nor to use the call's API (`base_url` does nothing
      // for `openai.ChatCompletion`): the call holds its flow.
      if (c.moves || (c.sdk_default && rec.module_config))
        continue;
      for (const std::string &env : c.envs)
        block(env, {c.site});
      if (const Binding *b = c.symbol.empty() ? nullptr : lookup(c.symbol)) {
        RelatedSite s = c.site;
        s.message =
            "takes its key from " + whereIs(b->site) + " and " + s.message;
        block(b->env, {s, b->site});
      }
    }
    for (const Use &u : rec.uses) {
      const Binding *b = lookup(u.symbol);
      if (!b) {
        blockWholeObject(u);
        continue;
      }
      // A model name sent with its client is the model flow's to decide
      // (proveModelFlows).
      bool covered =
          std::any_of(rec.consumers.begin(), rec.consumers.end(),
                      [&](const Consumer &c) {
                        return c.moves && c.key_at == u.offset &&
                               lookup(c.symbol) == b;
                      }) ||
          std::any_of(rec.model_uses.begin(), rec.model_uses.end(),
                      [&](const ModelUse &m) {
                        return m.at == u.offset && lookup(m.symbol) == b;
                      });
      if (covered)
        continue;
      RelatedSite s = u.site;
      s.message += " (" + whereIs(b->site) +
                   (b->name_only ? " names " : " reads ") + b->env +
                   "), which keyshift does not follow";
      block(b->env, {s, b->site});
    }
  }
  proveModelFlows();
}

void RepoPlan::block(const std::string &env, std::vector<RelatedSite> chain) {
  auto &sites = blocked_[env];
  for (RelatedSite &s : chain) {
    // One site once (a settings field is both a binding and a finding).
    bool known = std::any_of(sites.begin(), sites.end(), [&](const auto &k) {
      return k.file == s.file && k.line == s.line && k.column == s.column;
    });
    if (!known && sites.size() < 8)  // a bounded chain: the first sites
      sites.push_back(std::move(s)); // tell the story
  }
}

void RepoPlan::blockWholeObject(const Use &u) {
  // `config` passed on whole (`{ ...config }`, `init(config)`) takes every
  // key of `config.apiKey` with it; so does a JS module object (`const
  // config = require("./config")`, `import * as config`). A whole Python
  // module (`settings`) is not such an object: its names are followed one
  // by one.
  std::vector<std::string> names = spellings(u.symbol);
  auto inside = [&](const Binding &b, const std::string &symbol) {
    std::string full = b.module + "." + b.name;
    std::size_t pos = full.find(symbol + ".");
    if (pos == std::string::npos || (pos > 0 && full[pos - 1] != '.'))
      return false;
    std::size_t rest = full.size() - pos - symbol.size() - 1;
    return rest < b.name.size() || (b.exported && rest == b.name.size());
  };
  for (const auto &[path, rec] : files_)
    for (const Binding &b : rec.bindings) {
      if (std::none_of(names.begin(), names.end(),
                       [&](const auto &n) { return inside(b, n); }))
        continue;
      RelatedSite s = u.site;
      s.message += " whole (" + whereIs(b.site) + " reads " + b.env +
                   " into it), which keyshift does not follow";
      block(b.env, {s, b.site});
    }
}

std::unique_ptr<FlowQuery>
RepoPlan::forFile(const std::string &repo_path) const {
  return std::make_unique<FileFlows>(*this, repo_path);
}

void RepoPlan::apply(const std::string &repo_path,
                     std::vector<Finding> &findings,
                     const SourceFile *file) const {
  auto rec = files_.find(repo_path);
  // A module-level call beside `openai.api_key = ...`: that
  // configuration's own finding decides, the call has nothing to say.
  if (rec != files_.end() && rec->second.module_config)
    std::erase_if(findings, [](const Finding &f) {
      return f.rule_id.starts_with("python.module-client-call");
    });
  if (file)
    applyModelFlows(repo_path, *file, findings);
  for (Finding &f : findings) {
    for (const std::string &env : f.flow_envs) {
      auto it = blocked_.find(env);
      if (it == blocked_.end() || !f.change)
        continue;
      for (const RelatedSite &s : it->second)
        f.related.push_back(s);
      f.change.reset();
      f.after.clear();
      f.kind = FindingKind::NeedsReview;
      f.action = FindingAction::Reported;
      f.message += " (not rewritten: " + env +
                   " is one flow across the repository and it also "
                   "reaches code that cannot move; see related sites)";
      break;
    }
    // A settings read that moves: the sites that move with it.
    if (rec == files_.end() || !f.change)
      continue;
    for (const Binding &b : rec->second.bindings) {
      if (!f.range.contains(b.offset) && f.range.offset != b.offset)
        continue;
      for (const auto &[path, other] : files_)
        for (const Consumer &c : other.consumers)
          if (c.moves && !c.symbol.empty() && lookup(c.symbol) == &b) {
            RelatedSite s = c.site;
            s.message = "sends it; moves to the proxy in the same change";
            f.related.push_back(std::move(s));
          }
    }
  }
}

} // namespace keyshift::driver
