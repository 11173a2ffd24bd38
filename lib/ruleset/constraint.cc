// `where` constraints: symbols, RE2 patterns and exact texts on one
// capture.
#include "base/json_diag.h"
#include "ruleset/compile.h"

#include <re2/re2.h>

#include <algorithm>

namespace keyshift::ruleset {
namespace {

using json_diag::jsonError;
using namespace detail;

Result<std::shared_ptr<const RE2>> compileRegex(const std::string &pattern,
                                                std::string_view source,
                                                const std::string &pointer) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const RE2>(pattern, options);
  if (!re->ok())
    return jsonError(source, pointer, "invalid RE2 pattern: " + re->error());
  return std::shared_ptr<const RE2>(std::move(re));
}
} // namespace

bool Constraint::holds(std::string_view text) const {
  if (regex && !RE2::PartialMatch(text, *regex))
    return false;
  if (not_regex && RE2::PartialMatch(text, *not_regex))
    return false;
  if (!one_of.empty() &&
      std::find(one_of.begin(), one_of.end(), text) == one_of.end())
    return false;
  if (equals && *equals != text)
    return false;
  return true;
}
namespace detail {

Result<Constraint> compileConstraint(const std::string &capture,
                                     const RawConstraint &raw, Language lang,
                                     std::string_view source,
                                     const std::string &pointer) {
  if (!raw.symbol && !raw.regex && !raw.not_regex && !raw.one_of && !raw.equals)
    return jsonError(source, pointer,
                     "must set at least one of: " +
                         joined(rawConstraintKeys()));
  Constraint c;
  c.capture = capture;
  if (raw.symbol) {
    if (!usesTreeSitter(lang))
      return jsonError(source, pointer + "/symbol",
                       "symbol constraints need a language with imports "
                       "(python, javascript, typescript, tsx, notebook)");
    auto symbols = requiredList(raw.symbol, source, pointer + "/symbol");
    if (!symbols)
      return symbols.error();
    c.symbols = std::move(symbols).value();
  }
  if (raw.regex) {
    auto re = compileRegex(*raw.regex, source, pointer + "/regex");
    if (!re)
      return re.error();
    c.regex = std::move(re).value();
  }
  if (raw.not_regex) {
    auto re = compileRegex(*raw.not_regex, source, pointer + "/not_regex");
    if (!re)
      return re.error();
    c.not_regex = std::move(re).value();
  }
  if (raw.one_of) {
    if (raw.one_of->empty())
      return jsonError(source, pointer + "/one_of", kNeedNonEmptyStrings);
    c.one_of = *raw.one_of;
  }
  c.equals = raw.equals;
  return c;
}
} // namespace detail
} // namespace keyshift::ruleset
