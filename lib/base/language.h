// The languages keyshift understands, and the one place their names live.
#ifndef KEYSHIFT_BASE_LANGUAGE_H_
#define KEYSHIFT_BASE_LANGUAGE_H_

#include <optional>
#include <string_view>

namespace keyshift {

enum class Language {
  Unknown,
  Python,
  JavaScript,
  TypeScript,
  Tsx,
  Cpp,
  Env, ///< .env, .env.local, ...
  Yaml,
  Json,
  Toml,
  Notebook, ///< .ipynb
  Markdown, ///< .md, .mdx, .markdown
  Rst,      ///< reStructuredText
};

/// The name used in rule files and outputs ("python", "typescript", ...).
std::string_view languageName(Language lang);
/// The inverse of languageName; nullopt for an unknown name.
std::optional<Language> languageFromName(std::string_view name);
/// Detection by file name alone (extension or well-known name).
Language languageForPath(std::string_view path);

} // namespace keyshift

#endif // KEYSHIFT_BASE_LANGUAGE_H_
