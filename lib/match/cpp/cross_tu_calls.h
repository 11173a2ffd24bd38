// Issue 9 across translation units, both ways.
// - A request in main.cc sends `envOr(kKeyVar, "")`, and envOr is defined
//   in env.cc: the sources that spell a function the first pass asked
//   about are parsed for its summary (and, a call deeper, for the
//   summaries it needs in turn), resolved against each other.
// - settings.cc returns the OpenAI URL from apiBase(), and admin.cc's
//   request sends it with OPENAI_ADMIN_KEY: the sources that spell a
//   function or variable a URL leaves its TU through are parsed for what
//   their requests using it send (and for where it goes from there).
// The TUs that asked are then parsed again with the answers. A run in
// which no TU asked parses nothing more.
#ifndef KEYSHIFT_MATCH_CPP_CROSS_TU_CALLS_H_
#define KEYSHIFT_MATCH_CPP_CROSS_TU_CALLS_H_

#include "match/cpp/clang_backend.h"
#include "match/cpp/env_summary.h"

#include <functional>
#include <string>
#include <vector>

namespace keyshift::cpp::detail {

/// A source file of the run that may define a wanted function or use an
/// escaping one.
struct SummarySource {
  CompileCommand command;
  /// Its bytes and those of the project headers it includes (an inline
  /// function or a macro there may spell the name), for the prefilter.
  std::vector<const std::string *> texts;
};

using RunTus = std::function<std::vector<TuOutput>(const std::vector<TuJob> &)>;

/// After the first pass (`outputs` of `jobs`): makes `table` from the
/// `sources` defining what the outputs wanted, and `callers` from the
/// sources using what their URLs escape through; then replaces the output
/// of every job that asked about something now known by a second run of
/// it (pointing at `table` and `callers`, which must outlive it).
void followCalls(std::vector<TuJob> &jobs, std::vector<TuOutput> &outputs,
                 const std::vector<SummarySource> &sources, const RunTus &run,
                 SummaryTable &table, CallerChecks &callers);

/// Whether `text` holds `name` as a whole identifier.
bool spellsIdentifier(std::string_view text, std::string_view name);

/// The innermost namespace a USR puts its entity in ("unit0" for
/// c:@N@acme@N@unit0@F@endpoint#), "" for none; a function's parameter
/// types, after "@F@", do not count. A file that can see the entity spells
/// it (a namespace block, a qualified name, a using directive), so the
/// name prefilter asks for both.
std::string innermostNamespace(const std::string &usr);

} // namespace keyshift::cpp::detail

#endif // KEYSHIFT_MATCH_CPP_CROSS_TU_CALLS_H_
