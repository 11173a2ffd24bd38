#include "cli/run_setup.h"

#include "cli/litellm_config.h"
#include "ruleset/embedded_rules.h"
#include "scan/git_lister.h"
#include "scan/staged.h"
#include "secrets/key_findings.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace keyshift::cli {
namespace {

Error usageError(std::string message) {
  return makeError(ErrorCode::Usage, std::move(message));
}

Result<std::uint64_t> parseCount(std::string_view flag, const std::string &v) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size())
    return usageError("option '--" + std::string(flag) +
                      "' takes a whole number, not '" + v + "'");
  return n;
}

Result<driver::Shard> parseShard(const std::string &v) {
  auto slash = v.find('/');
  if (slash == std::string::npos)
    return usageError("option '--shard' takes K/N, e.g. 2/8, not '" + v + "'");
  auto k = parseCount("shard", v.substr(0, slash));
  auto n = parseCount("shard", v.substr(slash + 1));
  if (!k.ok() || !n.ok() || *n == 0 || *k == 0 || *k > *n)
    return usageError("option '--shard' takes K/N with 1 <= K <= N, not '" + v +
                      "'");
  return driver::Shard{static_cast<unsigned>(*k - 1),
                       static_cast<unsigned>(*n)};
}

std::string absolute(const std::string &path, const std::string &cwd) {
  if (!path.empty() && path[0] == '/')
    return path;
  return cwd + "/" + path;
}

/// Where to start looking for .keyshift.json: the first path named (its
/// directory when it is a file), else the working directory.
std::string discoveryStart(const RawArgs &args, const std::string &cwd) {
  if (args.positional.empty())
    return cwd;
  std::filesystem::path p(absolute(args.positional.front(), cwd));
  std::error_code ec;
  if (!std::filesystem::is_directory(p, ec))
    p = p.parent_path();
  return std::filesystem::weakly_canonical(p, ec).string();
}

/// --staged: the index's copies of the staged files (of the files under the
/// PATHs named, when any) as the run's file system. C++ is parsed by Clang from
/// the working tree, so when a staged C++ file differs from its working
/// copy the C++ rules are left out and only the byte scanner reads it.
/// Returns the work tree root, the one root the run then walks.
Result<std::string> useStagedFiles(const RawArgs &args, const std::string &cwd,
                                   RunSetup &setup) {
  auto root = scan::ProcessGitLister().workTreeRoot(cwd);
  if (!root)
    return usageError("--staged: " + cwd + " is not in a git work tree");
  // Without PATHs: what the next commit changes. With PATHs (what the
  // pre-commit framework passes, every file under --all-files): the index
  // copies of those files, changed or not.
  auto named = [&](const std::string &rel) {
    const std::string abs = scan::path::absolute(*root, rel);
    for (const std::string &p : args.positional)
      if (scan::path::isWithin(abs, scan::path::absolute(cwd, p)))
        return true;
    return args.positional.empty();
  };
  auto staged = scan::readStagedFiles(*root,
                                      args.positional.empty()
                                          ? scan::IndexSelection::Changed
                                          : scan::IndexSelection::All,
                                      named);
  if (!staged.ok())
    return staged.error();
  std::vector<scan::StagedFile> files;
  bool cpp_differs = false;
  for (scan::StagedFile &f : *staged) {
    const std::string abs = scan::path::absolute(*root, f.path);
    if (languageForPath(f.path) == Language::Cpp) {
      std::ifstream in(abs, std::ios::binary);
      std::ostringstream disk;
      disk << in.rdbuf();
      cpp_differs = cpp_differs || !in || disk.str() != f.bytes;
    }
    files.push_back(std::move(f));
  }
  if (cpp_differs) {
    std::vector<std::string> cpp_ids;
    for (const ruleset::Rule &r : setup.rules.rules())
      if (r.language == Language::Cpp)
        cpp_ids.push_back(r.id);
    config::Options without_cpp = setup.options;
    without_cpp.disable.insert(without_cpp.disable.end(), cpp_ids.begin(),
                               cpp_ids.end());
    auto rules = loadRules(without_cpp);
    if (!rules.ok())
      return rules.error();
    setup.rules = std::move(rules).value();
    setup.notes.push_back(
        "staged C++ files differ from the working tree: checked for keys "
        "only (Clang parses the working tree)");
  }
  scan::StagedTree tree = scan::stagedTree(*root, cwd, files);
  setup.fs = std::move(tree.fs);
  setup.git = std::move(tree.git);
  return *root;
}

bool isKeyKind(std::string_view kind) {
  return kind == findingKindName(FindingKind::HardcodedKey) ||
         kind == findingKindName(FindingKind::PossibleKey);
}

} // namespace

void takeScannerDisables(std::vector<std::string> &disable,
                         driver::KeyScanOptions &keys) {
  keys.enabled = true;
  std::erase_if(disable, [&keys](const std::string &id) {
    if (id == secrets::kKeyRuleId)
      keys.enabled = false;
    else if (id == secrets::kPossibleKeyRuleId)
      keys.possible = false;
    else
      return false;
    return true;
  });
}

bool keysOnly(const RawArgs &args) {
  if (args.has("history"))
    return true;
  if (!args.has("kind"))
    return false;
  for (const std::string &k : args.all("kind"))
    if (!isKeyKind(k))
      return false;
  return true;
}

Result<config::Overrides> overridesFrom(const RawArgs &args,
                                        const std::string &cwd) {
  config::Overrides o;
  o.preset = args.last("preset");
  o.base_url = args.last("base-url");
  o.key_env = args.last("key-env");
  o.base_url_env = args.last("base-url-env");
  if (auto l = args.last("litellm-config"))
    o.litellm_config = absolute(*l, cwd);
  if (args.has("include"))
    o.include = args.all("include");
  if (args.has("exclude"))
    o.exclude = args.all("exclude");
  if (args.has("disable"))
    o.disable = args.all("disable");
  if (args.has("rules")) {
    o.extra = args.all("rules");
    for (std::string &p : *o.extra)
      p = absolute(p, cwd);
  }
  if (args.has("shim"))
    o.shim = true;
  if (args.has("include-docs"))
    o.include_docs = true;
  if (auto b = args.last("baseline"))
    o.baseline = absolute(*b, cwd);
  if (auto p = args.last("compile-commands-dir"))
    o.compile_commands_dir = absolute(*p, cwd);
  if (auto v = args.last("max-file-size")) {
    auto n = parseCount("max-file-size", *v);
    if (!n.ok())
      return n.error();
    o.max_file_size = *n;
  }
  return o;
}

Result<ruleset::RuleSet> loadRules(const config::Options &options) {
  ruleset::LoadOptions lo;
  lo.builtin = true;
  lo.extra = options.extra;
  lo.base_dir = options.config_dir;
  lo.disable = options.disable;
  return ruleset::loadRuleSet(lo);
}

Result<RunSetup> prepareRun(const RawArgs &args, const std::string &cwd,
                            bool colour_default) {
  RunSetup setup;
  // A path that does not exist is the first thing to say, before any
  // configuration problem it would otherwise be blamed on; except for
  // check, whose hook names the deletions a commit stages as well.
  const bool deletions_named = args.command == "check";
  for (const std::string &p : args.positional) {
    if (deletions_named)
      break; // the walker reports them as skipped
    std::error_code ec;
    // symlink_status: a broken link is reported per file, as unreadable.
    if (!std::filesystem::exists(
            std::filesystem::symlink_status(absolute(p, cwd), ec)))
      return usageError(p + ": no such file or directory");
  }
  auto overrides = overridesFrom(args, cwd);
  if (!overrides.ok())
    return overrides.error();

  std::optional<config::FileConfig> file;
  if (auto path = args.last("config")) {
    std::ifstream in(absolute(*path, cwd), std::ios::binary);
    if (!in)
      return makeError(ErrorCode::Config, *path + ": cannot read");
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = config::parseConfig(text.str(), absolute(*path, cwd));
    if (!parsed.ok())
      return parsed.error();
    file = std::move(parsed).value();
  } else {
    auto found = config::findConfig(discoveryStart(args, cwd));
    if (!found.ok())
      return found.error();
    file = std::move(found).value();
  }

  auto presets =
      config::parsePresets(ruleset::builtinProxiesJson(), "rules/proxies.json");
  if (!presets.ok())
    return presets.error();
  const bool keys_only = keysOnly(args);
  auto options = config::resolve(file, *overrides, *presets,
                                 /*proxy_required=*/!keys_only);
  if (!options.ok()) {
    Error e = options.error();
    if ((args.command == "audit" || args.command == "check") &&
        e.message.find("no proxy configured") != std::string::npos)
      e.message += "; to audit hard-coded keys alone, which needs no proxy, "
                   "pass --kind hardcoded-key";
    return e;
  }
  setup.options = std::move(options).value();
  if (!setup.options.litellm_config.empty()) {
    auto served = readLitellmServed(setup.options.litellm_config);
    if (!served.ok())
      return served.error();
    setup.options.proxy.models.served = std::move(served).value();
    setup.options.proxy.models.served_source = setup.options.litellm_config;
  }
  if (setup.options.config_dir.empty())
    setup.options.config_dir = cwd;
  setup.proxy_configured = !setup.options.proxy.base_url.empty();

  // The byte scanner's rules are not in the rule set: --disable names them
  // all the same.
  driver::KeyScanOptions &keys = setup.driver.keys;
  takeScannerDisables(setup.options.disable, keys);
  keys.deep = args.has("deep-keys");
  keys.foreign_ignores = args.has("honor-foreign-ignores");

  if (setup.proxy_configured) {
    auto rules = loadRules(setup.options);
    if (!rules.ok())
      return rules.error();
    setup.rules = std::move(rules).value();
  }

  // Before the engines are built: it may leave the C++ rules out.
  if (args.has("staged") && args.has("history"))
    return usageError("--staged and --history do not go together");
  std::optional<std::string> staged_root;
  if (args.has("staged")) {
    auto root = useStagedFiles(args, cwd, setup);
    if (!root.ok())
      return root.error();
    staged_root = std::move(root).value();
  }

  const ProxyTarget &proxy = setup.options.proxy;
  auto engines = driver::Engines::build(
      setup.rules, proxy,
      RewriteOptions{setup.options.shim, setup.options.include_docs});
  if (!engines.ok())
    return engines.error();
  setup.engines = std::make_unique<driver::Engines>(std::move(engines).value());

  if (!setup.options.baseline.empty()) {
    // DECISIONS "Outputs": a baseline that is named but missing is an error
    // (loadBaseline's: a typo would otherwise silently un-silence nothing),
    // except when this run is the one writing it.
    std::error_code ec;
    if (std::filesystem::exists(setup.options.baseline, ec) ||
        !args.has("write-baseline")) {
      auto baseline = secrets::loadBaseline(setup.options.baseline);
      if (!baseline.ok())
        return baseline.error();
      setup.baseline =
          std::make_unique<secrets::Baseline>(std::move(baseline).value());
    }
  }

  driver::DriverOptions &d = setup.driver;
  d.walk.roots = args.positional;
  // An audit reads every text file for keys; migrate rewrites code only.
  d.walk.any_text = args.command == "audit" || args.command == "check";
  d.walk.no_ignore = args.has("no-ignore");
  d.walk.missing_roots_skipped = deletions_named;
  d.walk.cwd = cwd;
  d.walk.include = setup.options.include;
  d.walk.exclude = setup.options.exclude;
  d.limits.max_file_size = setup.options.max_file_size;
  d.baseline = setup.baseline.get();
  if (!setup.options.compile_commands_dir.empty())
    d.cpp.compile_db_dir = absolute(setup.options.compile_commands_dir, cwd);
  for (const std::string &dir : setup.options.include_dirs)
    d.cpp.include_dirs.push_back(absolute(dir, cwd));
  // Edits may land in any file of the repository (a header a TU includes),
  // never outside it.
  std::string start = discoveryStart(args, cwd);
  d.cpp.root = scan::ProcessGitLister().workTreeRoot(start).value_or(start);
  if (auto j = args.last("jobs")) {
    auto n = parseCount("jobs", *j);
    if (!n.ok())
      return n.error();
    d.threads = static_cast<unsigned>(*n);
  }
  if (auto s = args.last("shard")) {
    auto shard = parseShard(*s);
    if (!shard.ok())
      return shard.error();
    d.shard = *shard;
  }
  std::string when = args.last("color").value_or("auto");
  if (when != "auto" && when != "always" && when != "never")
    return usageError("option '--color' takes auto, always or never, not '" +
                      when + "'");
  setup.colour = colourWanted(args, colour_default);
  setup.deterministic = args.has("deterministic");
  setup.quiet = args.has("quiet");
  if (staged_root)
    d.walk.roots = {*staged_root};
  if (args.has("history"))
    setup.history = args.last("history").value_or("");
  return setup;
}

bool colourWanted(const RawArgs &args, bool is_tty) {
  std::string when = args.last("color").value_or("auto");
  return when == "always" || (when == "auto" && is_tty);
}

} // namespace keyshift::cli
