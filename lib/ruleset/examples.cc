// A rule's examples (tests.valid, tests.invalid): checked, and narrowed
// to the rule's language in a file that defines rules for several.
#include "base/json_diag.h"
#include "ruleset/compile.h"

#include <algorithm>

namespace keyshift::ruleset::detail {
namespace {

using json_diag::jsonError;

/// Whether the example at `pointer` applies to `language`.
Result<bool> applies(const RawExample &ex, Language language,
                     const std::vector<Language> &file_languages,
                     std::string_view source, const std::string &pointer) {
  if (!ex.languages)
    return true;
  if (file_languages.size() < 2)
    return jsonError(source, pointer + "/languages",
                     "only the examples of a rule for several languages "
                     "(\"languages\") name languages");
  std::vector<std::string> names;
  for (Language l : file_languages)
    names.emplace_back(languageName(l));
  bool mine = false;
  for (std::size_t i = 0; i < ex.languages->size(); ++i) {
    const std::string &name = (*ex.languages)[i];
    auto l = languageFromName(name);
    if (!l || std::find(file_languages.begin(), file_languages.end(), *l) ==
                  file_languages.end())
      return jsonError(source, pointer + "/languages/" + std::to_string(i),
                       unknownValue("language", name, names) +
                           " (an example names languages of its rule)");
    mine = mine || *l == language;
  }
  return mine;
}

} // namespace

Result<void> compileExamples(const RawRule &raw, Rule &rule,
                             const std::vector<Language> &file_languages,
                             std::string_view source, RuleOrigin origin) {
  if (!raw.tests) {
    if (origin == RuleOrigin::Builtin)
      return jsonError(source, "/tests",
                       "missing required key (built-in rules need examples)");
    return {};
  }
  struct List {
    const std::optional<std::vector<RawExample>> &raw;
    std::vector<RuleExample> &out;
    const char *name;
  };
  for (List list : {List{raw.tests->valid, rule.valid, "valid"},
                    List{raw.tests->invalid, rule.invalid, "invalid"}}) {
    if (!list.raw)
      continue;
    bool valid = std::string_view(list.name) == "valid";
    for (std::size_t i = 0; i < list.raw->size(); ++i) {
      const RawExample &ex = (*list.raw)[i];
      std::string pointer =
          "/tests/" + std::string(list.name) + "/" + std::to_string(i);
      if (!ex.input)
        return jsonError(source, pointer + "/input", "missing required key");
      if (ex.output && valid)
        return jsonError(source, pointer + "/output",
                         "a valid example rewrites nothing; drop output");
      if (ex.output && rule.action.type == ActionType::ReportOnly)
        return jsonError(source, pointer + "/output",
                         "a report-only rule rewrites nothing; drop output");
      auto mine = applies(ex, rule.language, file_languages, source, pointer);
      if (!mine)
        return mine.error();
      if (*mine)
        list.out.push_back(RuleExample{*ex.input, ex.output, i});
    }
  }
  if (origin == RuleOrigin::Builtin && rule.invalid.empty())
    return jsonError(
        source, "/tests/invalid",
        "built-in rules need at least one example that fires" +
            (file_languages.size() > 1
                 ? " for " + std::string(languageName(rule.language))
                 : std::string()));
  return {};
}

} // namespace keyshift::ruleset::detail
