// Line formats: .env files, shell scripts, Dockerfiles and Makefiles read
// as lines of assignments and references, without a grammar (DECISIONS:
// "line formats use key-name/value RE2 patterns").
//   .env / shell   KEY=value, export KEY="value", ${KEY}, $KEY
//   Dockerfile     ENV KEY=value A=b, ENV KEY value, ARG KEY=default, $KEY
//   Makefile       KEY = value, KEY := value, export KEY ?= v, $(KEY), ${KEY}
// Comments and blank lines are skipped; a line that is none of these is
// Text (a `curl https://api.openai.com/...` line in a script).
#ifndef KEYSHIFT_MATCH_CONFIG_LINE_FORMAT_H_
#define KEYSHIFT_MATCH_CONFIG_LINE_FORMAT_H_

#include "match/config/entry.h"
#include "rewrite/verify.h"

#include <string_view>
#include <vector>

namespace keyshift::config {

enum class LineFlavour { Env, Shell, Dockerfile, Makefile };

/// The flavour of a file the scanner calls "env", by its name.
LineFlavour lineFlavourForPath(std::string_view path);

struct LineParse {
  std::vector<Entry> entries; ///< in file order; scope 0 for all
  /// Lines whose quotes do not close: the measure of brokenness.
  std::size_t unterminated = 0;
};

LineParse parseLines(std::string_view text, LineFlavour flavour);

/// The '$' references in [begin, end) of `text` (`${NAME...}`, `$NAME`, and
/// in Makefiles `$(NAME)`), appended to `out` with scope 0.
void addReferences(std::string_view text, std::size_t begin, std::size_t end,
                   LineFlavour flavour, std::vector<Entry> &out);

/// The variables a command line sets in [begin, end) of `text` (a Text
/// entry's bytes, line by line), appended to `out` as in_command entries
/// with scope 0:
///   NAME=value words     `-e NAME="$X"`, `"NAME=${X}"`, `env NAME=$X cmd`,
///                        `--from-literal=NAME=$X`, `echo "NAME=$X" >> f`
///   passed names         an OpenAI variable's name as a whole word on a
///                        line with a `$` reference: `write_env NAME "$X"`
/// A `$NAME` reference is renamed wherever it is; the name it is stored
/// under must be renamed with it, or the proxy key lands under the OpenAI
/// name (and the app reading that name sends it to OpenAI).
void addCommandAssignments(std::string_view text, std::size_t begin,
                           std::size_t end, std::vector<Entry> &out);

/// Re-parse check for rewritten line-format files: the count of lines whose
/// quotes do not close, by shell rules (the checker does not know the
/// file's name; the count only has to be the same measure before and after).
class LineSyntaxChecker final : public SyntaxChecker {
public:
  std::size_t errorCount(std::string_view content) const override {
    return parseLines(content, LineFlavour::Shell).unterminated;
  }
};

} // namespace keyshift::config

#endif // KEYSHIFT_MATCH_CONFIG_LINE_FORMAT_H_
