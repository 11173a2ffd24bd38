// C++ matching through Clang LibTooling: runs rules/cpp/*.json (clang-query
// matcher expressions) over translation units and returns findings whose
// changes are keyshift Edits. No Clang type crosses this header, so the rest
// of keyshift builds and tests without LLVM.
#ifndef KEYSHIFT_MATCH_CPP_CPP_ENGINE_H_
#define KEYSHIFT_MATCH_CPP_CPP_ENGINE_H_

#include "base/error.h"
#include "base/proxy_target.h"
#include "finding/finding.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace keyshift::ruleset {
struct Rule;
} // namespace keyshift::ruleset

namespace keyshift::cpp {

struct EngineOptions {
  std::string root; ///< absolute; edits stay inside it
  /// `-p DIR` as in clang-tidy: the directory holding compile_commands.json.
  /// Without it, each file's database is found by walking up from the file.
  std::optional<std::string> compile_db_dir;
  /// `-I` dirs for files no database covers (parsed with `-std=c++17`).
  std::vector<std::string> fallback_include_dirs;
  ProxyTarget proxy;
  unsigned threads = 0; ///< 0 = all cores
  /// Parse every function body and visit every declaration, system headers
  /// included. Off by default: when every rule of a TU ignores system
  /// headers (all built-in rules do) their bodies are skipped, which gives
  /// the same findings faster. Tests and bench/cpp_many_tus.sh compare the
  /// two; the environment variable KEYSHIFT_CPP_FULL_PARSE=1 sets it too.
  bool full_parse = false;
};

struct FileFindings {
  std::string abs_path;
  /// Sorted by range; ranges and edits are offsets into the file's content
  /// without its UTF-8 BOM (SourceFile::content()).
  std::vector<Finding> findings;
  /// contentHash (base/content_hash.h) of each distinct buffer the findings
  /// were located in. One value, equal to the hash of the bytes a caller
  /// loaded, means the offsets fit those bytes; anything else means the
  /// file changed while it was being parsed (or between two TUs).
  std::vector<std::uint64_t> parsed_hashes;
};

struct RunResult {
  /// Sorted by path. An edit in a header reached from several TUs appears
  /// once; different edits to the same place become a `conflict` finding.
  std::vector<FileFindings> files;
  /// Human-readable remarks, e.g. that fallback flags were used.
  std::vector<std::string> notes;
  /// (path, message) for TUs that failed to parse; others still ran.
  std::vector<std::pair<std::string, std::string>> errors;
};

/// Parses every rule's matcher. A bad matcher is a configuration error:
/// "rules/cpp/x.json: /query:1:14: <parser message>".
Result<void> validateRules(const std::vector<const ruleset::Rule *> &rules);

/// Runs `rules` (language cpp) over `abs_files`. Sources are parsed as TUs;
/// headers are reached through them (or parsed alone when no TU reaches a
/// header that holds a trigger). Only TUs whose bytes or project headers hold
/// a rule trigger are parsed at all.
Result<RunResult> runRules(const std::vector<const ruleset::Rule *> &rules,
                           const std::vector<std::string> &abs_files,
                           const EngineOptions &options);

} // namespace keyshift::cpp

#endif // KEYSHIFT_MATCH_CPP_CPP_ENGINE_H_
