// The code cells of a Jupyter notebook, read from its JSON text with the
// tree-sitter JSON grammar, each as the Python text the cell holds and the
// map back to the notebook's bytes. nbformat stores a cell's source as an
// array of JSON strings, one per line, each but the last ending in "\n";
// an edit of the Python text becomes an edit of those strings' bytes, with
// the replacement escaped and a new line starting a new array element, so
// the notebook keeps its structure, key order and indentation.
#ifndef KEYSHIFT_MATCH_NOTEBOOK_NOTEBOOK_CELLS_H_
#define KEYSHIFT_MATCH_NOTEBOOK_NOTEBOOK_CELLS_H_

#include "base/byte_range.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::notebook {

struct CodeCell {
  /// The cell's Python text, IPython lines (`%magic`, `!shell`) blanked to
  /// same-length comments so the Python parser takes them.
  std::string python;
  /// The notebook byte of each byte of `python` (the start of its escape
  /// sequence), plus one entry for the end of the text.
  std::vector<std::size_t> raw_at;
  /// The `NAME=value` of each `%env NAME=value` / `%set_env NAME=value`
  /// line (blanked in `python`, set in the kernel's environment): read as
  /// .env lines.
  std::vector<ByteRange> env_lines;
  /// What goes between two strings of the source array (`",\n    "`), or
  /// "" when the source is one string (a new line is then only `\n`).
  std::string line_break;

  /// `range` of `python` as notebook bytes.
  ByteRange toRaw(ByteRange range) const;
  /// `text` as it is written inside the source strings.
  std::string escape(std::string_view text) const;
};

/// The code cells in file order; none when the text is not a notebook
/// (invalid JSON, no "cells" array). A cell magic other than a timing or
/// capture one (%%bash, %%writefile...) makes the cell not Python: skipped.
std::vector<CodeCell> codeCells(std::string_view notebook);

/// ERROR/MISSING nodes of the notebook's JSON.
std::size_t jsonErrors(std::string_view text);

} // namespace keyshift::notebook

#endif // KEYSHIFT_MATCH_NOTEBOOK_NOTEBOOK_CELLS_H_
