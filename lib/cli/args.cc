#include "cli/args.h"

#include "base/edit_distance.h"
#include "cli/commands.h"

#include <sstream>

namespace keyshift::cli {
namespace {

constexpr std::string_view kRun = "migrate audit check verify";

} // namespace

const std::vector<FlagDef> &flagTable() {
  static const std::vector<FlagDef> flags{
      {"apply", 0, "", false,
       "write the changes to the files (atomically) instead of printing a diff",
       "migrate"},
      {"check", 0, "", false, "print the diff, exit 1 if anything would change",
       "migrate"},
      {"interactive", 'i', "", false,
       "show each change group (edits that must move together) with its "
       "findings and ask: apply, skip, apply all in this file, or quit; "
       "then apply the accepted ones (needs a terminal)",
       "migrate"},
      {"shim", 0, "", false,
       "also wrap rewritten clients with the keyshift runtime shim", "migrate"},
      {"include-docs", 0, "", false,
       "also rewrite code blocks in documentation (Markdown, MDX, RST); "
       "without it they are only reported",
       "migrate check"},
      {"format", 0, "FORMAT", false,
       "audit: findings as text (default), json (JSON Lines), sarif or html "
       "(one self-contained page); "
       "migrate: diff (default) or json (the edits, JSON Lines)",
       "migrate audit"},
      {"export-fixes", 0, "FILE", false,
       "also write the edits to FILE as YAML for clang-apply-replacements",
       "migrate"},
      {"output", 'o', "FILE", false,
       "write what would go to stdout to FILE instead", kRun},
      {"write-baseline", 0, "FILE", false,
       "write the fingerprints of every hard-coded key found to FILE (a "
       "baseline for --baseline)",
       "audit"},
      {"kind", 0, "KIND", true,
       "only findings of this kind (repeatable), e.g. --kind hardcoded-key; "
       "keys only (hardcoded-key, possible-key) need no proxy configuration",
       "audit check"},
      {"staged", 0, "", false,
       "check what is staged for the next commit (the index), not the "
       "working tree",
       "audit check"},
      {"history", 0, "REV_RANGE", false,
       "scan the lines each commit of REV_RANGE added for keys (default: all "
       "of HEAD's history); PATHs limit the files",
       "audit", true},
      {"no-ignore", 0, "", false,
       "also scan files git ignores (a local .env), as rg --no-ignore", kRun},
      {"honor-foreign-ignores", 0, "", false,
       "also accept gitleaks:allow, pragma: allowlist secret, "
       "trufflehog:ignore and secretlint-disable-line on keys",
       kRun},
      {"deep-keys", 0, "", false,
       "also find keys split over adjacent string literals or base64-encoded "
       "(slower)",
       kRun},
      {"audit-log", 0, "FILE", false,
       "write the JSON Lines audit log to FILE ('-' for stdout)", kRun},
      {"preset", 0, "NAME", false,
       "proxy preset from rules/proxies.json (see `keyshift presets`)",
       "migrate audit check init"},
      {"base-url", 0, "URL", false, "proxy base URL written into code", kRun},
      {"key-env", 0, "NAME", false,
       "environment variable the code reads the proxy key from", kRun},
      {"base-url-env", 0, "NAME", false,
       "environment variable that overrides the base URL at run time", kRun},
      {"litellm-config", 0, "FILE", false,
       "a LiteLLM proxy config.yaml: the model names it serves "
       "(model_list[].model_name)",
       kRun},
      {"config", 0, "FILE", false,
       "use FILE instead of the .keyshift.json found from the paths", kRun},
      {"include", 0, "GLOB", true, "only files matching GLOB (repeatable)",
       kRun},
      {"exclude", 0, "GLOB", true, "skip files matching GLOB (repeatable)",
       kRun},
      {"rules", 0, "FILE", true,
       "load extra rules from FILE or glob (repeatable)",
       "migrate audit check rules test-rules"},
      {"disable", 0, "RULE", true, "disable a rule by id (repeatable)",
       "migrate audit check rules"},
      {"jobs", 'j', "N", false, "worker threads (default: all cores)", kRun},
      {"max-file-size", 0, "BYTES", false,
       "skip files larger than BYTES (default 4194304)", kRun},
      {"shard", 0, "K/N", false,
       "process only shard K of N (stable path hash; K from 1)", kRun},
      {"baseline", 0, "FILE", false,
       "ignore secrets whose fingerprints FILE lists", kRun},
      {"compile-commands-dir", 'p', "DIR", false,
       "directory holding compile_commands.json for C++ (as clang-tidy -p)",
       kRun},
      {"color", 0, "WHEN", false,
       "colour text output: auto (default), always, never", kRun},
      {"quiet", 'q', "", false, "no summary line on stderr", kRun},
      {"chat", 0, "", false,
       "also send one minimal chat completion per served model (costs a "
       "few tokens)",
       "verify"},
      {"timeout", 0, "MS", false,
       "give up on a proxy request after MS milliseconds (default 10000)",
       "verify"},
      {"deterministic", 0, "", false,
       "zero timings in outputs (reproducible logs for tests)", kRun},
      {"verbose", 'v', "", false,
       "also show each rule's description and source", "rules"},
      {"force", 0, "", false, "overwrite an existing .keyshift.json", "init"},
      {"help", 'h', "", false, "show help", ""},
      {"version", 0, "", false, "show the version", ""},
  };
  return flags;
}

std::optional<std::string> RawArgs::last(std::string_view flag) const {
  auto it = values.find(flag);
  if (it == values.end() || it->second.empty())
    return std::nullopt;
  return it->second.back();
}

std::vector<std::string> RawArgs::all(std::string_view flag) const {
  auto it = values.find(flag);
  return it == values.end() ? std::vector<std::string>{} : it->second;
}

bool appliesTo(const FlagDef &f, std::string_view command) {
  if (f.commands.empty())
    return true;
  std::istringstream words{std::string(f.commands)};
  std::string w;
  while (words >> w)
    if (w == command)
      return true;
  return false;
}

namespace {

/// Flag names as the user types them, so a suggestion can be pasted.
std::vector<std::string> dashed(const std::vector<std::string> &names) {
  std::vector<std::string> out;
  for (const std::string &n : names)
    out.push_back("--" + n);
  return out;
}

const FlagDef *findFlag(std::string_view name, char short_name) {
  for (const FlagDef &f : flagTable())
    if ((short_name && f.short_name == short_name) ||
        (!short_name && f.name == name))
      return &f;
  return nullptr;
}

Error usageError(std::string message) {
  return makeError(ErrorCode::Usage, std::move(message));
}

} // namespace

Result<RawArgs> parseArgs(const std::vector<std::string> &argv) {
  RawArgs out;
  bool only_positional = false;
  std::vector<std::string> names;
  for (const FlagDef &f : flagTable())
    names.emplace_back(f.name);
  std::vector<std::pair<const FlagDef *, std::string>> flags;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string &a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-') {
      if (out.command.empty() && !only_positional)
        out.command = a;
      else
        out.positional.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    const FlagDef *flag = nullptr;
    std::optional<std::string> value;
    std::string shown;
    if (a[1] == '-') {
      std::string body = a.substr(2);
      if (auto eq = body.find('='); eq != std::string::npos) {
        value = body.substr(eq + 1);
        body.resize(eq);
      }
      flag = findFlag(body, 0);
      shown = "--" + body;
      if (!flag)
        return usageError("unknown option '" + shown + "'" +
                          didYouMean(shown, dashed(names)));
    } else {
      flag = findFlag("", a[1]);
      shown = a.substr(0, 2);
      if (!flag)
        return usageError("unknown option '" + shown + "'");
      if (a.size() > 2)
        value = a.substr(2);
    }
    if (flag->value_name.empty()) {
      if (value)
        return usageError("option '" + shown + "' takes no value");
      value = "";
    } else if (!value && flag->optional_value) {
      value = "";
    } else if (!value) {
      if (i + 1 >= argv.size())
        return usageError("option '" + shown + "' needs a value (" +
                          std::string(flag->value_name) + ")");
      value = argv[++i];
    }
    flags.emplace_back(flag, *value);
  }
  for (const auto &[flag, value] : flags) {
    if (!out.command.empty() && !appliesTo(*flag, out.command) &&
        flag->name != "help")
      return usageError("option '--" + std::string(flag->name) +
                        "' does not apply to '" + out.command + "'");
    auto &slot = out.values[std::string(flag->name)];
    if (!flag->repeatable && !slot.empty() && flag->value_name.empty())
      continue;
    if (!flag->repeatable)
      slot.clear();
    slot.push_back(value);
  }
  return out;
}

namespace {

/// "  -o, --output FILE     help" as the help lists it.
std::string flagLine(const FlagDef &f) {
  std::string left = "  ";
  left += f.short_name ? std::string("-") + f.short_name + ", " : "    ";
  left += "--" + std::string(f.name);
  if (!f.value_name.empty())
    left += " " + std::string(f.value_name);
  return left + std::string(left.size() < 34 ? 34 - left.size() : 1, ' ') +
         std::string(f.help) + "\n";
}

} // namespace

std::string usage(std::string_view command) {
  std::ostringstream s;
  if (command.empty()) {
    s << "keyshift: move OpenAI API usage to an OpenAI-compatible proxy\n\n"
         "usage: keyshift <command> [options] [PATH...]\n\ncommands:\n";
    for (const Command &c : commandTable()) {
      std::string syn(c.synopsis);
      s << "  " << syn
        << std::string(syn.size() < 26 ? 26 - syn.size() : 1, ' ') << c.summary
        << "\n";
    }
    s << "\nexit status: 0 nothing to do/found, 1 changes or findings "
         "(check, audit, migrate --check),\n2 usage or configuration "
         "error, 3 some files could not be processed\n\n"
         "`keyshift <command> --help` lists a command's options.\n\n"
         "options:\n";
    for (const FlagDef &f : flagTable())
      if (f.commands.empty())
        s << flagLine(f);
    return s.str();
  }
  for (const Command &c : commandTable())
    if (c.name == command)
      s << "usage: keyshift " << c.synopsis << "\n\n" << c.summary << "\n\n";
  s << "options:\n";
  for (const FlagDef &f : flagTable())
    if (appliesTo(f, command))
      s << flagLine(f);
  return s.str();
}

} // namespace keyshift::cli
