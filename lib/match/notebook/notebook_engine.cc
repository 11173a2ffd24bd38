#include "match/notebook/notebook_engine.h"

#include "match/joined_code.h"
#include "match/notebook/notebook_cells.h"

#include <algorithm>

namespace keyshift::notebook {

NotebookEngine::NotebookEngine(std::shared_ptr<const Matcher> python,
                               std::shared_ptr<const Matcher> env,
                               std::vector<const ruleset::Rule *> env_rules)
    : python_(std::move(python)), env_(std::move(env)),
      env_rules_(std::move(env_rules)), checker_(*python_) {}

namespace {

/// Moves `f` from the coordinates of `prefix + cell.python` to the
/// notebook's: false when it cannot be (it lies in an earlier cell).
bool toNotebook(Finding &f, std::size_t prefix, const CodeCell &cell) {
  if (!dropPrefix(f, prefix, "notebook cell"))
    return false;
  f.range = cell.toRaw(f.range);
  f.key_at = cell.toRaw(ByteRange{f.key_at, 0}).offset;
  if (!f.change)
    return true;
  for (Edit &e : f.change->edits) {
    e.range = cell.toRaw(e.range);
    e.replacement = cell.escape(e.replacement);
  }
  return true;
}

/// A cell above the one being matched, and where its code starts in the
/// joined text.
struct CellAbove {
  std::size_t start;
  const CodeCell *cell;
};

/// A change that also edits cells above the one it was found in: a model
/// name that moves with its client, built in an earlier cell. Those edits
/// leave the change, mapped to their cells, when each is an edit an earlier
/// cell's own finding already makes (so the two findings stay one change:
/// the driver joins changes that share an edit); nullopt when one is not,
/// and the change then stays whole for dropPrefix to refuse.
std::optional<std::vector<Edit>>
takeEarlierEdits(ChangeGroup &group, std::size_t prefix,
                 const std::vector<CellAbove> &above,
                 const std::vector<Finding> &earlier) {
  // Only an insertion above (an import): dropPrefix gives the cell its own.
  if (std::none_of(group.edits.begin(), group.edits.end(), [&](const Edit &e) {
        return e.range.offset < prefix && !e.isInsertion();
      }))
    return std::nullopt;
  std::vector<Edit> mapped, kept;
  for (const Edit &e : group.edits) {
    if (e.range.offset >= prefix) {
      kept.push_back(e);
      continue;
    }
    auto at = std::upper_bound(
        above.begin(), above.end(), e.range.offset,
        [](std::size_t off, const CellAbove &c) { return off < c.start; });
    if (at == above.begin())
      return std::nullopt;
    const CellAbove &c = *std::prev(at);
    if (e.range.end() > c.start + c.cell->python.size())
      return std::nullopt;
    Edit raw = e;
    raw.range =
        c.cell->toRaw(ByteRange{e.range.offset - c.start, e.range.length});
    raw.replacement = c.cell->escape(e.replacement);
    bool made =
        std::any_of(earlier.begin(), earlier.end(), [&](const Finding &f) {
          return f.change &&
                 std::any_of(f.change->edits.begin(), f.change->edits.end(),
                             [&](const Edit &x) { return x.sameChange(raw); });
        });
    if (!made)
      return std::nullopt;
    mapped.push_back(std::move(raw));
  }
  group.edits = std::move(kept);
  return mapped;
}

} // namespace

std::vector<Finding>
NotebookEngine::match(const SourceFile &file,
                      const std::vector<const ruleset::Rule *> &rules,
                      const FlowQuery *flows) const {
  // Cells share one namespace, run top to bottom: each cell is matched
  // after the code of the cells above it (their imports and names), and
  // only what lies in the cell itself is kept.
  std::vector<Finding> out;
  std::string above;
  std::vector<CellAbove> cells_above;
  const std::vector<CodeCell> cells = codeCells(file.content());
  for (const CodeCell &cell : cells) {
    SourceFile code(file.path(), above + cell.python, Language::Python);
    for (Finding &f : python_->match(code, rules, flows)) {
      std::optional<std::vector<Edit>> earlier;
      if (f.change && f.range.offset >= above.size())
        earlier = takeEarlierEdits(*f.change, above.size(), cells_above, out);
      if (!toNotebook(f, above.size(), cell))
        continue;
      if (earlier && f.change)
        f.change->edits.insert(f.change->edits.end(), earlier->begin(),
                               earlier->end());
      out.push_back(std::move(f));
    }
    // `%env OPENAI_API_KEY=...` sets the variable the cells read: one flow
    // with them. A cell's %env lines are read together, as one .env file.
    if (env_ && !cell.env_lines.empty()) {
      std::string lines;
      std::vector<std::size_t> starts;
      for (ByteRange line : cell.env_lines) {
        starts.push_back(lines.size());
        lines += cell.python.substr(line.offset, line.length);
        lines += '\n';
      }
      auto toCell = [&](std::size_t at) {
        std::size_t k = static_cast<std::size_t>(
            std::upper_bound(starts.begin(), starts.end(), at) -
            starts.begin() - 1);
        return cell.env_lines[k].offset + (at - starts[k]);
      };
      SourceFile env_file(file.path(), std::move(lines), Language::Env);
      for (Finding &f : env_->match(env_file, env_rules_, flows)) {
        f.range.offset = toCell(f.range.offset);
        f.key_at = toCell(f.key_at);
        if (f.change)
          for (Edit &e : f.change->edits)
            e.range.offset = toCell(e.range.offset);
        if (toNotebook(f, 0, cell))
          out.push_back(std::move(f));
      }
    }
    cells_above.push_back({above.size(), &cell});
    above += cell.python;
    if (!above.empty() && above.back() != '\n')
      above += '\n';
  }
  return out;
}

std::size_t
NotebookEngine::Checker::errorCount(std::string_view content) const {
  std::size_t errors = jsonErrors(content);
  for (const CodeCell &cell : codeCells(content))
    errors += python_.syntaxChecker().errorCount(cell.python);
  return errors;
}

} // namespace keyshift::notebook
