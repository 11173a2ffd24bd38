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
  for (const CodeCell &cell : codeCells(file.content())) {
    SourceFile code(file.path(), above + cell.python, Language::Python);
    for (Finding &f : python_->match(code, rules, flows))
      if (toNotebook(f, above.size(), cell))
        out.push_back(std::move(f));
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
