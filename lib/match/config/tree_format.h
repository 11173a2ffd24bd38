// What the structured formats (YAML, JSON, TOML) share: a sink that
// collects a file's entries as a reader walks its tree, and the Format that
// parses with one tree-sitter grammar and re-parses rewrites with it.
#ifndef KEYSHIFT_MATCH_CONFIG_TREE_FORMAT_H_
#define KEYSHIFT_MATCH_CONFIG_TREE_FORMAT_H_

#include "match/config/config_engine.h"
#include "match/config/entry.h"

#include <tree_sitter/api.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::config {

class EntrySink {
public:
  explicit EntrySink(std::string_view text) : text_(text) {}

  std::string_view text() const { return text_; }
  std::string_view at(ByteRange r) const {
    return text_.substr(r.offset, r.length);
  }
  /// Adds an entry (`key` empty for Text) and the `$X` / `${X}` references
  /// in its value, all in `scope`; returns the entry's index.
  std::size_t add(Entry::Kind kind, ByteRange key, ByteRange value,
                  std::size_t scope);
  /// A reference to `name` (a CI or editor expression), in `scope`.
  void addReference(ByteRange name, std::size_t scope);
  /// Entries read from the text at `offset` (a line format inside a
  /// string), moved to this file's offsets, in `scope`.
  void addShifted(std::vector<Entry> entries, std::size_t offset,
                  std::size_t scope);
  Entry &operator[](std::size_t index) { return out_[index]; }
  std::size_t size() const { return out_.size(); }
  /// The entries in file order (Text by its value, the others by key).
  std::vector<Entry> take();

private:
  std::string_view text_;
  std::vector<Entry> out_;
};

/// How deep the JSON and YAML readers follow a tree (they recurse). A
/// deeper tree is skipped as too complex (Format::overBudget), never read
/// in part silently.
inline constexpr int kMaxReaderDepth = 1000;

/// Reads the entries of `text` from its parsed tree.
using EntryReader = std::vector<Entry> (*)(TSNode root, std::string_view text);
using Escaper = std::string (*)(std::string_view);

/// A Format that parses with `language` once per file, for both the entries
/// (`read`) and the first syntax error; edits
/// in escaped values are written with `escape` (none: as is).
std::unique_ptr<Format> treeFormat(const TSLanguage *language, EntryReader read,
                                   Escaper escape = nullptr);

} // namespace keyshift::config

#endif // KEYSHIFT_MATCH_CONFIG_TREE_FORMAT_H_
