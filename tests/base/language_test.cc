#include "base/language.h"

#include <gtest/gtest.h>

namespace keyshift {
namespace {

TEST(LanguageTest, DetectsByExtensionAndWellKnownNames) {
  EXPECT_EQ(languageForPath("app/main.py"), Language::Python);
  EXPECT_EQ(languageForPath("web/index.mjs"), Language::JavaScript);
  EXPECT_EQ(languageForPath("web/app.tsx"), Language::Tsx);
  EXPECT_EQ(languageForPath("web/app.ts"), Language::TypeScript);
  EXPECT_EQ(languageForPath("src/client.cc"), Language::Cpp);
  EXPECT_EQ(languageForPath(".env"), Language::Env);
  EXPECT_EQ(languageForPath("deploy/.env.production"), Language::Env);
  EXPECT_EQ(languageForPath("notebooks/demo.ipynb"), Language::Notebook);
  EXPECT_EQ(languageForPath("README"), Language::Unknown);
  EXPECT_EQ(languageForPath(".envrc"), Language::Unknown);
  EXPECT_EQ(languageForPath("docs/guide.mdx"), Language::Markdown);
  EXPECT_EQ(languageForPath("docs/index.rst"), Language::Rst);
  EXPECT_EQ(languageForPath(".vscode/settings.jsonc"), Language::Json);
}

TEST(LanguageTest, NamesRoundTrip) {
  for (Language l :
       {Language::Python, Language::JavaScript, Language::TypeScript,
        Language::Tsx, Language::Cpp, Language::Env, Language::Yaml,
        Language::Json, Language::Toml, Language::Notebook, Language::Markdown,
        Language::Rst})
    EXPECT_EQ(languageFromName(languageName(l)), l);
  EXPECT_EQ(languageFromName("cobol"), std::nullopt);
  EXPECT_EQ(languageFromName("unknown"), std::nullopt);
}

} // namespace
} // namespace keyshift
