// The one boundary to Clang: compile-command lookup, matcher parsing and
// running rules over TUs. Plain keyshift types only, so cpp_engine.cc (the
// orchestration: prefilter, threads, dedupe) compiles without LLVM headers.
#ifndef KEYSHIFT_MATCH_CPP_CLANG_BACKEND_H_
#define KEYSHIFT_MATCH_CPP_CLANG_BACKEND_H_

#include "base/error.h"
#include "finding/finding.h"
#include "match/cpp/cpp_engine.h"
#include "match/cpp/env_summary.h"
#include "match/cpp/request_check.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace keyshift::cpp::detail {

struct CompileCommand {
  std::string directory;
  std::string file;
  std::vector<std::string> args; ///< argv, compiler first
  bool from_database = false;
};

/// Finds each file's compile command: `-p DIR`, else the nearest
/// compile_commands.json above the file, else fallback flags. Not
/// thread-safe: resolve every command before starting workers.
class CommandSource {
public:
  /// `root` (canonical) is the scanned tree: compilers inside it are never
  /// run to learn their default standard.
  CommandSource(std::optional<std::string> compile_db_dir,
                std::vector<std::string> fallback_include_dirs,
                std::string root);
  ~CommandSource();
  CommandSource(const CommandSource &) = delete;
  CommandSource &operator=(const CommandSource &) = delete;

  /// Fails only when `-p DIR` was given and holds no usable database.
  /// A database command naming no `-std` gets the one its compiler uses
  /// by default (compiler_standard.h).
  Result<CompileCommand> commandFor(const std::string &abs_file);

  /// Every file of the databases loaded so far, canonical: the program's
  /// other translation units, for questions a run over part of the tree
  /// must still ask them (cross_tu_calls.h).
  std::vector<std::string> databaseFiles() const;

  /// Remarks for the run, each once (e.g. a compiler that could not be
  /// asked for its default standard).
  const std::vector<std::string> &notes() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// One TU to parse and the rules whose triggers it holds.
struct TuJob {
  CompileCommand command;
  std::vector<const ruleset::Rule *> rules;
  /// Resolved summaries of functions other TUs define (may be null).
  const SummaryTable *summaries = nullptr;
  /// With no rules: the names of the functions whose summaries this TU
  /// is parsed for (TuOutput::summaries).
  std::set<std::string> summarize;
  /// What other TUs' requests send through the escapes of this TU's URLs
  /// (may be null).
  const CallerChecks *callers = nullptr;
  /// With no rules: USR -> name of the functions and variables whose
  /// users' requests this TU is parsed for (TuOutput::caller_checks).
  std::map<std::string, std::string> callers_of;
  /// Every rule any TU of the run runs: a key read moves when one of them
  /// renames it, wherever the read is.
  std::vector<const ruleset::Rule *> run_rules;
};

/// A finding located in a file by canonical path; offsets exclude the BOM.
struct LocatedFinding {
  std::string canonical_path;
  Finding finding;
};

struct TuOutput {
  std::vector<LocatedFinding> findings;
  /// Canonical path -> contentHash of the buffer Clang parsed, for every
  /// file a finding was located in: the offsets hold for those bytes only.
  std::map<std::string, std::uint64_t> parsed_hashes;
  std::optional<std::string> error; ///< "path:line:col: first error"
  /// USR -> name of the functions whose summaries the findings would have
  /// used, defined in no file this TU parsed: another TU may.
  std::map<std::string, std::string> wanted;
  /// For TuJob::summarize: the summaries of those functions defined here,
  /// calls to functions of other TUs left unresolved.
  SummaryTable summaries;
  /// USR -> name: what this TU's OpenAI URLs leave it through
  /// (RequestCheck::escapes).
  std::map<std::string, std::string> escapes;
  /// For TuJob::callers_of: what this TU's requests using each send.
  CallerChecks caller_checks;
};

/// Files findings may be reported in (canonical path -> path as given).
using Scope = std::map<std::string, std::string>;

Result<void> parseRuleMatchers(const std::vector<const ruleset::Rule *> &rules);

/// Runs the jobs on `threads` workers; outputs are in job order.
/// `full_parse` turns off skipping what system headers hold (EngineOptions).
std::vector<TuOutput> runJobs(const std::vector<TuJob> &jobs,
                              const ProxyTarget &proxy, const Scope &scope,
                              unsigned threads, bool full_parse);

/// The path with symlinks and dot segments resolved (lexically normal when
/// the file does not exist).
std::string canonicalPath(const std::string &path);

} // namespace keyshift::cpp::detail

#endif // KEYSHIFT_MATCH_CPP_CLANG_BACKEND_H_
