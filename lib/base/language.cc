#include "base/language.h"

#include <array>
#include <utility>

namespace keyshift {
namespace {

constexpr std::array<std::pair<Language, std::string_view>, 13> kNames{{
    {Language::Unknown, "unknown"},
    {Language::Python, "python"},
    {Language::JavaScript, "javascript"},
    {Language::TypeScript, "typescript"},
    {Language::Tsx, "tsx"},
    {Language::Cpp, "cpp"},
    {Language::Env, "env"},
    {Language::Yaml, "yaml"},
    {Language::Json, "json"},
    {Language::Toml, "toml"},
    {Language::Notebook, "notebook"},
    {Language::Markdown, "markdown"},
    {Language::Rst, "rst"},
}};

constexpr std::array<std::pair<std::string_view, Language>, 28> kExtensions{{
    {".py", Language::Python},
    {".pyi", Language::Python},
    {".js", Language::JavaScript},
    {".mjs", Language::JavaScript},
    {".cjs", Language::JavaScript},
    {".jsx", Language::JavaScript},
    {".ts", Language::TypeScript},
    {".mts", Language::TypeScript},
    {".cts", Language::TypeScript},
    {".tsx", Language::Tsx},
    {".cc", Language::Cpp},
    {".cpp", Language::Cpp},
    {".cxx", Language::Cpp},
    {".c", Language::Cpp},
    {".h", Language::Cpp},
    {".hh", Language::Cpp},
    {".hpp", Language::Cpp},
    {".hxx", Language::Cpp},
    {".yaml", Language::Yaml},
    {".yml", Language::Yaml},
    {".json", Language::Json},
    {".jsonc", Language::Json},
    {".toml", Language::Toml},
    {".ipynb", Language::Notebook},
    {".md", Language::Markdown},
    {".mdx", Language::Markdown},
    {".markdown", Language::Markdown},
    {".rst", Language::Rst},
}};

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

} // namespace

std::string_view languageName(Language lang) {
  for (const auto &[l, name] : kNames)
    if (l == lang)
      return name;
  return "unknown";
}

std::optional<Language> languageFromName(std::string_view name) {
  for (const auto &[l, n] : kNames)
    if (n == name && l != Language::Unknown)
      return l;
  return std::nullopt;
}

Language languageForPath(std::string_view path) {
  std::string_view base = path;
  if (auto slash = path.find_last_of('/'); slash != std::string_view::npos)
    base = path.substr(slash + 1);
  // .env, .env.local, .env.production, but not .envrc or foo.env.py.
  if (base == ".env" || base.rfind(".env.", 0) == 0 || endsWith(base, ".env"))
    return Language::Env;
  for (const auto &[ext, lang] : kExtensions)
    if (endsWith(base, ext))
      return lang;
  // The other line formats the config engine reads as "env" files:
  // Dockerfiles, Makefiles and shell scripts (match/config/line_format.h).
  if (base.find("Dockerfile") != std::string_view::npos ||
      base.find("dockerfile") != std::string_view::npos ||
      base.find("Containerfile") != std::string_view::npos ||
      base == "Makefile" || base == "makefile" || base == "GNUmakefile" ||
      endsWith(base, ".mk") || endsWith(base, ".sh") ||
      endsWith(base, ".bash") || endsWith(base, ".zsh"))
    return Language::Env;
  return Language::Unknown;
}

} // namespace keyshift
