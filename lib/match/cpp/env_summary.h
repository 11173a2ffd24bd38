// Issue 9 across translation units: what an application function's result
// carries and which of its parameters name an environment variable, as
// plain data, so one TU can summarise `envOr(name, fallback)` (env.cc) and
// another TU use it at `envOr(kKeyVar, "")` (main.cc). Clang-free: the
// engine (cpp_engine.cc) resolves calls between summaries of different TUs.
#ifndef KEYSHIFT_MATCH_CPP_ENV_SUMMARY_H_
#define KEYSHIFT_MATCH_CPP_ENV_SUMMARY_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace keyshift::cpp::detail {

struct ArgValue;

/// One thing a value may carry, found by tracing it back, in the terms of
/// the function it was traced in.
struct ValueSource {
  enum class Kind {
    Env,        ///< getenv of the variable `env`
    EnvOfParam, ///< getenv of the name parameter `param` holds
    Param,      ///< parameter `param` itself
    Key,        ///< a hard-coded key
    Opaque,     ///< anything else: a field, an unknown function's result
    Call,       ///< the result of `callee`, defined in a TU not seen yet
  };
  Kind kind = Kind::Opaque;
  std::string env;
  int param = -1;
  std::string what;           ///< for the chain: `getenv("X") (env.cc:5)`
  std::string callee;         ///< Call: the callee's USR
  std::string callee_name;    ///< Call: its name, for the chain
  std::vector<ArgValue> args; ///< Call: its arguments

  bool operator==(const ValueSource &) const;
};

/// An argument of a call, for substituting a callee's summary.
struct ArgValue {
  /// Its text when it is a string literal (directly or through a constant):
  /// the variable's name if the callee reads it with getenv.
  std::optional<std::string> name;
  std::vector<ValueSource> sources; ///< what it carries otherwise

  bool operator==(const ArgValue &) const;
  /// Exactly the caller's parameter: its index, else -1.
  int param() const;
};

/// "Parameter `param` of the summarised function is passed as argument
/// `callee_param` of `callee`", a function not resolved yet; `callee`
/// empty: the parameter's value reaches getenv as the variable's name.
struct NameUse {
  int param = -1;
  std::string callee;
  int callee_param = -1;
  std::string callee_name; ///< to find the TU that defines it
  /// The name is given to setenv/putenv/unsetenv: the function writes the
  /// variable, so it is not a plain read of it.
  bool sets = false;
  auto operator<=>(const NameUse &) const = default;
};

struct FunctionSummary {
  std::string name;  ///< for the chain: "envOr"
  std::string where; ///< "env.cc:5"
  std::vector<ValueSource> result;
  std::vector<NameUse> name_uses; ///< sorted, unique
  /// It may send a request with what its parameters hold: it builds an
  /// Authorization header, or hands a parameter's value to another of the
  /// application's functions or classes. A URL handed to a function that
  /// does not only comes back in its result, if anywhere.
  bool may_send = false;

  /// Whether getenv reads parameter `index` as a variable's name.
  bool readsNameAt(int index) const;
  bool operator==(const FunctionSummary &) const = default;
};

/// By USR.
using SummaryTable = std::map<std::string, FunctionSummary>;

/// A resolved summary by USR, or nullptr when the function is unknown.
using SummaryLookup =
    std::function<const FunctionSummary *(const std::string &usr)>;

/// `callee`'s result at one call (`via`: " via envOr() (main.cc:16)"):
/// its sources with the call's arguments in place of its parameters, in
/// the caller's terms.
std::vector<ValueSource> substitute(const FunctionSummary &callee,
                                    const std::vector<ArgValue> &args,
                                    const std::string &via);

/// The caller's name uses a call to `callee` with `args` makes.
std::vector<NameUse> substituteNameUses(const FunctionSummary &callee,
                                        const std::vector<ArgValue> &args);

/// `f` with its Call sources and name uses resolved through `lookup`.
/// Those `lookup` cannot answer stay when `keep_unknown` (another TU may
/// define the callee), else become Opaque / are dropped.
FunctionSummary resolveWith(const FunctionSummary &f, const std::string &usr,
                            const SummaryLookup &lookup, bool keep_unknown);

/// Resolves the summaries of every TU against each other, at any depth:
/// afterwards no Call source is left (a callee no TU defines, or a cycle,
/// is Opaque: keyshift cannot tell what it returns).
void resolveSummaries(SummaryTable &table);

/// Appends `more` to `into`, skipping sources already there.
void mergeSources(std::vector<ValueSource> &into,
                  const std::vector<ValueSource> &more);

} // namespace keyshift::cpp::detail

#endif // KEYSHIFT_MATCH_CPP_ENV_SUMMARY_H_
