#include "report/unified_diff.h"

#include "report/git_path.h"

#include <algorithm>

namespace keyshift::report {
namespace {

/// Line starts of a text; a final line without '\n' counts as a line.
class Lines {
public:
  explicit Lines(std::string_view text) : text_(text) {
    if (!text.empty())
      starts_.push_back(0);
    for (std::size_t i = 0; i + 1 < text.size(); ++i)
      if (text[i] == '\n')
        starts_.push_back(i + 1);
  }

  std::size_t count() const { return starts_.size(); }
  /// Start of line `i` (0-based); past the last line, the end of the text.
  std::size_t start(std::size_t i) const {
    return i < starts_.size() ? starts_[i] : text_.size();
  }
  std::string_view line(std::size_t i) const {
    return text_.substr(start(i), start(i + 1) - start(i));
  }
  /// The line holding byte `offset`; the end of a text that is empty or ends
  /// in '\n' is the virtual line count() (where appended lines go).
  std::size_t lineOf(std::size_t offset) const {
    if (offset >= text_.size() && (text_.empty() || text_.back() == '\n'))
      return count();
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return static_cast<std::size_t>(it - starts_.begin()) - 1;
  }

private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

/// An edit in file bytes (BOM included).
struct FileEdit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view replacement;
};

/// Old lines [first, last) replaced by `new_text` (whole lines, except a
/// final line at the end of the file).
struct Block {
  std::size_t first = 0;
  std::size_t last = 0;
  std::string new_text;
};

std::size_t countLines(std::string_view text) {
  std::size_t n =
      static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  return n + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

/// `old[begin, end)` with the edits that fall inside it applied.
std::string applyWithin(std::string_view old, std::size_t begin,
                        std::size_t end, const std::vector<FileEdit> &edits,
                        std::size_t from, std::size_t to) {
  std::string out;
  std::size_t pos = begin;
  for (std::size_t k = from; k < to; ++k) {
    out.append(old.substr(pos, edits[k].begin - pos));
    out.append(edits[k].replacement);
    pos = edits[k].end;
  }
  out.append(old.substr(pos, end - pos));
  return out;
}

/// Old lines [first, last) an edit touches. An insertion of whole lines at
/// a line start touches none (first == last): it goes between lines.
std::pair<std::size_t, std::size_t>
touchedLines(const Lines &lines, std::string_view old, const FileEdit &e) {
  std::size_t first = lines.lineOf(e.begin);
  std::size_t last = 0;
  if (e.end > e.begin) {
    last = lines.lineOf(e.end - 1) + 1;
  } else {
    bool at_line_start = e.begin == 0 || old[e.begin - 1] == '\n';
    bool whole_lines = e.replacement.empty() || e.replacement.back() == '\n';
    last = at_line_start && whole_lines ? first : first + 1;
  }
  return {first, std::min(last, lines.count())};
}

std::vector<Block> buildBlocks(const Lines &lines, std::string_view old,
                               const std::vector<FileEdit> &edits) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  spans.reserve(edits.size());
  for (const auto &e : edits)
    spans.push_back(touchedLines(lines, old, e));

  std::vector<Block> blocks;
  std::size_t i = 0;
  while (i < edits.size()) {
    Block block{spans[i].first, spans[i].second, {}};
    std::size_t j = i;
    while (true) {
      while (j < edits.size() && spans[j].first <= block.last) {
        block.last = std::max(block.last, spans[j].second);
        ++j;
      }
      block.new_text = applyWithin(old, lines.start(block.first),
                                   lines.start(block.last), edits, i, j);
      // An edit that eats a line's '\n' joins it with the next line, which
      // then belongs to the change as well.
      if (block.last < lines.count() && !block.new_text.empty() &&
          block.new_text.back() != '\n') {
        ++block.last;
        continue;
      }
      break;
    }
    std::string_view old_text =
        old.substr(lines.start(block.first),
                   lines.start(block.last) - lines.start(block.first));
    if (block.new_text != old_text)
      blocks.push_back(std::move(block));
    i = j;
  }
  return blocks;
}

/// "l,n" of a hunk header; git leaves out ",1" and, for an empty side, names
/// the line before it ("0,0" for an empty file).
std::string hunkRange(std::size_t first, std::size_t count) {
  if (count == 0)
    return std::to_string(first) + ",0";
  if (count == 1)
    return std::to_string(first + 1);
  return std::to_string(first + 1) + "," + std::to_string(count);
}

void appendLine(std::string &out, char prefix, std::string_view line) {
  out += prefix;
  out.append(line);
  if (line.empty() || line.back() != '\n')
    out += "\n\\ No newline at end of file\n";
}

void appendNewLines(std::string &out, std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    appendLine(out, '+', text.substr(pos, end - pos));
    pos = end;
  }
}

Result<void> checkRepoPath(const std::string &path) {
  if (path.empty())
    return makeError(ErrorCode::Input, "cannot write a diff without a path");
  bool outside = path.front() == '/' || path == ".." ||
                 path.rfind("../", 0) == 0 ||
                 path.find("/../") != std::string::npos ||
                 (path.size() >= 3 && path.substr(path.size() - 3) == "/..");
  if (outside)
    return makeError(ErrorCode::Input,
                     path + ": cannot write a diff for a path outside the "
                            "repository");
  return {};
}

Result<std::vector<FileEdit>> fileEdits(const FileOutcome &outcome,
                                        std::size_t shift) {
  const std::string &path = outcome.repo_path;
  std::size_t size = outcome.source->content().size();
  std::vector<FileEdit> edits;
  edits.reserve(outcome.edits.size());
  std::size_t previous_end = 0;
  for (const auto &e : outcome.edits) {
    if (e.range.end() > size)
      return makeError(ErrorCode::Internal,
                       path + ": edit at offset " +
                           std::to_string(e.range.offset) +
                           " runs past the end of the file");
    if (e.range.offset < previous_end)
      return makeError(ErrorCode::Internal,
                       path + ": edit at offset " +
                           std::to_string(e.range.offset) +
                           " overlaps or precedes the edit before it");
    previous_end = e.range.end();
    edits.push_back(
        FileEdit{e.range.offset + shift, e.range.end() + shift, e.replacement});
  }
  return edits;
}

} // namespace

Result<std::string> unifiedDiff(const FileOutcome &outcome) {
  if (outcome.source == nullptr)
    return makeError(ErrorCode::Internal,
                     outcome.repo_path + ": file outcome without a source");
  if (outcome.edits.empty())
    return std::string();
  if (auto ok = checkRepoPath(outcome.repo_path); !ok)
    return ok.error();

  const SourceFile &source = *outcome.source;
  std::size_t shift = source.hasBom() ? SourceFile::kUtf8Bom.size() : 0;
  auto edits = fileEdits(outcome, shift);
  if (!edits)
    return edits.error();

  // Diff the file's real bytes, BOM included, so line 1 carries it on both
  // sides and a BOM-only file is the one-line file git sees.
  std::string old_bytes = source.withBom(source.content());
  std::string new_bytes = source.withBom(outcome.new_content);
  if (applyWithin(old_bytes, 0, old_bytes.size(), *edits, 0, edits->size()) !=
      new_bytes)
    return makeError(ErrorCode::Internal,
                     outcome.repo_path +
                         ": new content does not match the edits");

  Lines lines(old_bytes);
  std::vector<Block> blocks = buildBlocks(lines, old_bytes, *edits);
  if (blocks.empty())
    return std::string();

  std::string a_name = quoteGitPath("a/" + outcome.repo_path);
  std::string b_name = quoteGitPath("b/" + outcome.repo_path);
  // git ends ---/+++ names that hold a space with a tab, so that a parser
  // can tell the name from a trailing timestamp.
  const char *tab =
      outcome.repo_path.find(' ') != std::string::npos ? "\t" : "";
  std::string out = "diff --git " + a_name + " " + b_name + "\n";
  out += "--- " + a_name + tab + "\n";
  out += "+++ " + b_name + tab + "\n";

  // Lines the new file has gained (or lost) before the current hunk.
  long long shift_lines = 0;
  std::size_t k = 0;
  while (k < blocks.size()) {
    std::size_t end = k + 1;
    while (end < blocks.size() &&
           blocks[end].first - blocks[end - 1].last <= 2 * kDiffContextLines)
      ++end;
    std::size_t first = blocks[k].first > kDiffContextLines
                            ? blocks[k].first - kDiffContextLines
                            : 0;
    std::size_t last =
        std::min(lines.count(), blocks[end - 1].last + kDiffContextLines);

    std::string body;
    long long delta = 0;
    std::size_t pos = first;
    for (std::size_t b = k; b < end; ++b) {
      const Block &block = blocks[b];
      for (; pos < block.first; ++pos)
        appendLine(body, ' ', lines.line(pos));
      for (; pos < block.last; ++pos)
        appendLine(body, '-', lines.line(pos));
      appendNewLines(body, block.new_text);
      delta += static_cast<long long>(countLines(block.new_text)) -
               static_cast<long long>(block.last - block.first);
    }
    for (; pos < last; ++pos)
      appendLine(body, ' ', lines.line(pos));

    std::size_t old_count = last - first;
    auto new_first =
        static_cast<std::size_t>(static_cast<long long>(first) + shift_lines);
    auto new_count =
        static_cast<std::size_t>(static_cast<long long>(old_count) + delta);
    out += "@@ -" + hunkRange(first, old_count) + " +" +
           hunkRange(new_first, new_count) + " @@\n";
    out += body;
    shift_lines += delta;
    k = end;
  }
  return out;
}

} // namespace keyshift::report
