// What the config engine matches, whatever the file format: an entry that
// sets or reads an environment variable (`OPENAI_API_KEY=...` in a .env
// file, `ENV`/`ARG` in a Dockerfile, a Makefile assignment, `$NAME` in a
// shell line, a YAML/JSON env map item) or a piece of text that may hold an
// endpoint URL. Rules match an entry's key name and value (RE2); actions
// edit the key or value bytes only, so quoting and layout stay as written.
#ifndef KEYSHIFT_MATCH_CONFIG_ENTRY_H_
#define KEYSHIFT_MATCH_CONFIG_ENTRY_H_

#include "base/byte_range.h"

#include <cstddef>
#include <string>
#include <vector>

namespace keyshift::config {

struct Entry {
  enum class Kind {
    Assignment, ///< sets `key` (its value may be empty)
    Reference,  ///< reads `key` (`$KEY`, `${KEY}`, `$(KEY)`)
    Text,       ///< no variable: text that may hold a URL
  };
  Kind kind = Kind::Assignment;
  std::string key;       ///< the variable's name; empty for Text
  ByteRange key_range;   ///< its bytes in the file (empty for Text)
  std::string value;     ///< the value as written, without quotes
  ByteRange value_range; ///< the bytes of `value` (inside any quotes)
  /// Entries of one scope (a file, a compose service, a container) move
  /// together: a base URL moves only beside a key that moves.
  std::size_t scope = 0;
  /// A secret store reference that supplies the value (`${{ secrets.X }}`
  /// in a CI workflow, a Kubernetes `secretKeyRef`): it holds the OpenAI
  /// key, so renaming the variable reports it (a person must create the
  /// proxy's secret). Empty when none.
  ByteRange secret_ref;
  /// The secret's name inside `secret_ref` when it is renamed with the
  /// variable (`secrets.K`); empty when the reference keeps its shape.
  ByteRange secret_name;
  /// The same name is set twice in one map (JSON duplicate keys): which
  /// value a reader keeps is its own choice, so nothing is renamed; the
  /// entry is reported and holds its flow back.
  bool ambiguous = false;
  /// An assignment written inside a command line's Text (`docker run -e
  /// NAME="$NAME"`, `echo "NAME=$NAME" >> .env`): the Text around it gives
  /// its URLs and keys, so only a rename applies to it.
  bool in_command = false;
  /// A name handed to a command beside a `$` value (`write_env NAME "$X"`,
  /// `gh secret set NAME --body "$X"`): what the command sets it to is not
  /// known, so it is reported and holds its flow back (also in_command).
  bool passed_name = false;
};

} // namespace keyshift::config

#endif // KEYSHIFT_MATCH_CONFIG_ENTRY_H_
