// Issue 9 across translation units: a request in main.cc sends
// `envOr(kKeyVar, "")`, and envOr is defined in env.cc. The first pass
// parses the TUs that hold rule triggers; when one of them asked about a
// function it does not define, the sources that spell that function's name
// are parsed for its summary (and, a call deeper, for the summaries it
// needs in turn), the summaries are resolved against each other, and the
// TUs that asked are parsed again with them. Nothing changes for a run in
// which no TU asked.
#ifndef KEYSHIFT_MATCH_CPP_CROSS_TU_CALLS_H_
#define KEYSHIFT_MATCH_CPP_CROSS_TU_CALLS_H_

#include "match/cpp/clang_backend.h"
#include "match/cpp/env_summary.h"

#include <functional>
#include <string>
#include <vector>

namespace keyshift::cpp::detail {

/// A source file of the run that may define a wanted function.
struct SummarySource {
  CompileCommand command;
  const std::string *text = nullptr; ///< its bytes, for the name prefilter
};

using RunTus = std::function<std::vector<TuOutput>(const std::vector<TuJob> &)>;

/// After the first pass (`outputs` of `jobs`): makes `table` from the
/// `sources` defining what the outputs wanted, then replaces the output of
/// every job that wanted a function `table` now summarises by a second
/// run of it (its `summaries` pointing at `table`, which must outlive it).
void followCalls(std::vector<TuJob> &jobs, std::vector<TuOutput> &outputs,
                 const std::vector<SummarySource> &sources, const RunTus &run,
                 SummaryTable &table);

/// Whether `text` holds `name` as a whole identifier.
bool spellsIdentifier(std::string_view text, std::string_view name);

} // namespace keyshift::cpp::detail

#endif // KEYSHIFT_MATCH_CPP_CROSS_TU_CALLS_H_
