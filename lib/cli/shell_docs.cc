#include "cli/shell_docs.h"

#include "cli/args.h"
#include "cli/commands.h"

#include <sstream>

namespace keyshift::cli {
namespace {

/// `text` with every character in `specials` preceded by `escape`.
std::string escaped(std::string_view text, std::string_view specials,
                    std::string_view escape) {
  std::string out;
  for (char c : text) {
    if (specials.find(c) != std::string_view::npos)
      out += escape;
    out += c;
  }
  return out;
}

std::string roff(std::string_view text) {
  std::string out = escaped(text, "\\", "\\");
  std::string dashed;
  for (char c : out)
    dashed += c == '-' ? std::string("\\-") : std::string(1, c);
  if (!dashed.empty() && (dashed[0] == '.' || dashed[0] == '\''))
    dashed.insert(0, "\\&");
  return dashed;
}

std::string man(std::string_view version) {
  std::ostringstream s;
  s << ".TH KEYSHIFT 1 \"\" \"keyshift " << version
    << "\" \"User Commands\"\n"
       ".SH NAME\nkeyshift \\- move OpenAI API usage to an "
       "OpenAI\\-compatible proxy\n"
       ".SH SYNOPSIS\n.B keyshift\n\\fIcommand\\fR [\\fIoptions\\fR] "
       "[\\fIPATH\\fR...]\n"
       ".SH DESCRIPTION\nkeyshift finds OpenAI client constructions, key and "
       "base URL reads, api.openai.com literals and hard\\-coded keys, and "
       "rewrites them for an OpenAI\\-compatible proxy as a unified diff "
       "(or in place), with an audit log and SARIF.\n"
       ".SH COMMANDS\n";
  for (const Command &c : commandTable())
    s << ".TP\n.B " << roff(c.synopsis) << "\n" << roff(c.summary) << "\n";
  s << ".SH OPTIONS\n";
  for (const FlagDef &f : flagTable()) {
    s << ".TP\n";
    if (f.short_name)
      s << ".BR \\-" << f.short_name << " \", \" ";
    else
      s << ".B ";
    s << "\\-\\-" << roff(f.name);
    if (!f.value_name.empty())
      s << (f.optional_value ? "[=" : " ") << "\\fI" << roff(f.value_name)
        << "\\fR" << (f.optional_value ? "]" : "");
    s << "\n" << roff(f.help);
    if (!f.commands.empty())
      s << " (" << roff(f.commands) << ")";
    s << "\n";
  }
  s << ".SH EXIT STATUS\n"
       ".TP\n0\nnothing to do or found\n"
       ".TP\n1\nchanges or findings (check, audit, migrate \\-\\-check)\n"
       ".TP\n2\nusage or configuration error\n"
       ".TP\n3\nsome files could not be processed\n"
       ".SH FILES\n.TP\n.I .keyshift.json\nconfiguration, found walking up "
       "from the first path to the repository root\n";
  return s.str();
}

std::string bash() {
  std::ostringstream s;
  s << "# bash completion for keyshift (generated: keyshift __generate "
       "bash)\n_keyshift() {\n"
       "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" "
       "prev=\"${COMP_WORDS[COMP_CWORD-1]}\" cmd=\"\" i\n"
       "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
       "    case \"${COMP_WORDS[i]}\" in -*) ;; *) "
       "cmd=\"${COMP_WORDS[i]}\"; break ;; esac\n"
       "  done\n  case \"$prev\" in\n   ";
  for (const FlagDef &f : flagTable())
    if (!f.value_name.empty() && !f.optional_value) {
      s << " --" << f.name << " |";
      if (f.short_name)
        s << " -" << f.short_name << " |";
    }
  s << " --nothing)\n"
       "      COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n  esac\n"
       "  local words\n  case \"$cmd\" in\n"
       "    \"\") words=\"";
  for (const Command &c : commandTable())
    s << c.name << " ";
  s << "--help --version\" ;;\n";
  for (const Command &c : commandTable()) {
    s << "    " << c.name << ") words=\"";
    for (const FlagDef &f : flagTable())
      if (appliesTo(f, c.name))
        s << "--" << f.name << (f.optional_value ? "= " : " ");
    s << "\" ;;\n";
  }
  s << "  esac\n"
       "  if [[ -z $cmd || $cur == -* ]]; then\n"
       "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
       "  else\n    COMPREPLY=($(compgen -f -- \"$cur\"))\n  fi\n}\n"
       "complete -F _keyshift keyshift\n";
  return s.str();
}

std::string zsh() {
  std::ostringstream s;
  s << "#compdef keyshift\n# zsh completion for keyshift (generated: "
       "keyshift __generate zsh)\n_keyshift() {\n"
       "  local -a commands\n  commands=(\n";
  for (const Command &c : commandTable())
    s << "    '" << c.name << ":" << escaped(c.summary, "'", "'\\'") << "'\n";
  s << "  )\n  if (( CURRENT == 2 )); then\n"
       "    _describe command commands\n    return\n  fi\n"
       "  case $words[2] in\n";
  for (const Command &c : commandTable()) {
    s << "    " << c.name << ")\n      _arguments";
    for (const FlagDef &f : flagTable()) {
      if (!appliesTo(f, c.name))
        continue;
      std::string help = escaped(escaped(f.help, "[]:\\", "\\"), "'", "'\\'");
      std::string value = f.value_name.empty()
                              ? ""
                              : ":" + std::string(f.value_name) + ":_files";
      std::string eq = f.value_name.empty() ? ""
                       : f.optional_value   ? "=-"
                                            : "=";
      s << " \\\n        '--" << f.name << eq << "[" << help << "]" << value
        << "'";
      if (f.short_name)
        s << " \\\n        '-" << f.short_name << "[" << help << "]" << value
          << "'";
    }
    s << " \\\n        '*:path:_files' ;;\n";
  }
  s << "  esac\n}\n_keyshift \"$@\"\n";
  return s.str();
}

std::string fish() {
  std::ostringstream s;
  s << "# fish completion for keyshift (generated: keyshift __generate "
       "fish)\ncomplete -c keyshift -f\n";
  std::string all;
  for (const Command &c : commandTable()) {
    all += std::string(c.name) + " ";
    s << "complete -c keyshift -n __fish_use_subcommand -a " << c.name
      << " -d '" << escaped(c.summary, "'\\", "\\") << "'\n";
  }
  for (const FlagDef &f : flagTable()) {
    s << "complete -c keyshift";
    if (!f.commands.empty())
      s << " -n '__fish_seen_subcommand_from " << f.commands << "'";
    s << " -l " << f.name;
    if (f.short_name)
      s << " -s " << f.short_name;
    if (!f.value_name.empty())
      s << (f.optional_value ? "" : " -r") << " -F";
    s << " -d '" << escaped(f.help, "'\\", "\\") << "'\n";
  }
  s << "complete -c keyshift -n '__fish_seen_subcommand_from " << all
    << "' -F\n";
  return s.str();
}

} // namespace

std::optional<std::string> generateShellDoc(std::string_view what,
                                            std::string_view version) {
  if (what == "man")
    return man(version);
  if (what == "bash")
    return bash();
  if (what == "zsh")
    return zsh();
  if (what == "fish")
    return fish();
  return std::nullopt;
}

} // namespace keyshift::cli
