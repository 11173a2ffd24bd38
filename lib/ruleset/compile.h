// The pieces rule.cc compiles a rule from, one concept per file: action
// parameters (action.cc), captures of a query (captures.cc), `where`
// constraints (constraint.cc), examples (examples.cc). Private to
// lib/ruleset.
#ifndef KEYSHIFT_RULESET_COMPILE_H_
#define KEYSHIFT_RULESET_COMPILE_H_

#include "base/error.h"
#include "base/language.h"
#include "ruleset/raw_rule.h"
#include "ruleset/rule.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::ruleset::detail {

inline constexpr std::string_view kNeedNonEmptyStrings =
    "must be a non-empty array of strings";

/// "a, b, c".
std::string joined(const std::vector<std::string> &items);
/// "unknown <what> 'value'" with a suggestion, or the list when none is
/// close.
std::string unknownValue(std::string_view what, const std::string &value,
                         const std::vector<std::string> &candidates);
/// Every language a rule may name.
std::vector<std::string> languageNames();
/// Languages whose rules are tree-sitter queries with imports.
bool usesTreeSitter(Language l);
/// Checks a compiled-in list parameter: present, non-empty, no empty item.
Result<std::vector<std::string>>
requiredList(const std::optional<std::vector<std::string>> &value,
             std::string_view source, const std::string &pointer);

/// The captures a query spells out, without the implicit ones.
std::vector<std::string> explicitCaptures(Language l, std::string_view q);
/// "unknown capture 'x'" with a suggestion or the query's captures.
std::string unknownCapture(const std::string &name,
                           const std::vector<std::string> &captures);

Result<Action> compileAction(const std::optional<RawAction> &raw_action,
                             const std::vector<std::string> &captures,
                             std::string_view source);
Result<Constraint> compileConstraint(const std::string &capture,
                                     const RawConstraint &raw, Language lang,
                                     std::string_view source,
                                     const std::string &pointer);
/// The examples of `raw` that apply to `rule.language`. `file_languages`
/// are the languages the file defines rules for; an example may narrow
/// itself to some of them only when there are several.
Result<void> compileExamples(const RawRule &raw, Rule &rule,
                             const std::vector<Language> &file_languages,
                             std::string_view source, RuleOrigin origin);

} // namespace keyshift::ruleset::detail

#endif // KEYSHIFT_RULESET_COMPILE_H_
