// libFuzzer entry point for report::unifiedDiff: random content (with or
// without a BOM) and random edits, made conflict-free by an EditSet as the
// driver does, must always give a diff. The diff is then read back by a
// small patch reader here: the file header names the path, every @@ header
// agrees with its hunk's line counts, hunks come in order without touching,
// each carries at most 3 lines of context at either end, and applying the
// hunks to the old bytes gives exactly the new ones (BOM included).
#include "report/unified_diff.h"
#include "rewrite/apply.h"
#include "rewrite/edit_set.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace keyshift;

void check(bool ok) {
  if (!ok)
    std::abort();
}

/// The old text split after each '\n' (a last line may lack it).
std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return lines;
}

/// "12" or "12,3" of a hunk header: 1-based start and count (default 1).
std::optional<std::pair<std::size_t, std::size_t>>
parseRange(std::string_view s) {
  std::size_t start = 0, count = 1, i = 0;
  if (s.empty())
    return std::nullopt;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
    start = start * 10 + static_cast<std::size_t>(s[i] - '0');
  if (i == 0)
    return std::nullopt;
  if (i < s.size()) {
    if (s[i] != ',' || i + 1 == s.size())
      return std::nullopt;
    count = 0;
    for (++i; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9')
        return std::nullopt;
      count = count * 10 + static_cast<std::size_t>(s[i] - '0');
    }
  }
  return std::make_pair(start, count);
}

/// Applies `diff` to `old_text`; aborts on any inconsistency.
std::string applyDiff(std::string_view diff, std::string_view old_text) {
  std::vector<std::string_view> rows;
  for (std::size_t pos = 0; pos < diff.size();) {
    std::size_t nl = diff.find('\n', pos);
    check(nl != std::string_view::npos); // every row ends in '\n'
    rows.push_back(diff.substr(pos, nl - pos));
    pos = nl + 1;
  }
  check(rows.size() >= 4);
  check(rows[0].rfind("diff --git ", 0) == 0);
  check(rows[1].rfind("--- ", 0) == 0);
  check(rows[2].rfind("+++ ", 0) == 0);

  const std::vector<std::string_view> old_lines = splitLines(old_text);
  std::string out;
  std::size_t copied = 0; // old lines consumed so far
  std::size_t r = 3;
  long long shift = 0; // new line number minus old, before the next hunk
  while (r < rows.size()) {
    std::string_view header = rows[r++];
    check(header.rfind("@@ -", 0) == 0);
    check(header.size() > 7 && header.substr(header.size() - 3) == " @@");
    std::string_view ranges = header.substr(4, header.size() - 7);
    std::size_t plus = ranges.find(" +");
    check(plus != std::string_view::npos);
    auto old_range = parseRange(ranges.substr(0, plus));
    auto new_range = parseRange(ranges.substr(plus + 2));
    check(old_range && new_range);
    // git names the line before an empty side.
    std::size_t old_first =
        old_range->second == 0 ? old_range->first : old_range->first - 1;
    std::size_t new_first =
        new_range->second == 0 ? new_range->first : new_range->first - 1;
    check(old_range->second != 0 || old_range->first <= old_lines.size());
    check(old_range->second == 0 || old_range->first >= 1);
    check(new_range->second == 0 || new_range->first >= 1);
    // Hunks are ordered and never touch (touching ones would be one hunk).
    check(copied == 0 ? old_first >= copied : old_first > copied);
    check(static_cast<long long>(new_first) ==
          static_cast<long long>(old_first) + shift);
    check(old_first <= old_lines.size());
    for (; copied < old_first; ++copied)
      out.append(old_lines[copied]);

    std::size_t old_seen = 0, new_seen = 0;
    std::size_t leading_context = 0, trailing_context = 0;
    bool changed = false;
    while (r < rows.size() && rows[r].rfind("@@ ", 0) != 0) {
      std::string_view row = rows[r++];
      check(!row.empty());
      const char kind = row[0];
      check(kind == ' ' || kind == '-' || kind == '+');
      std::string line(row.substr(1));
      if (r < rows.size() && rows[r] == "\\ No newline at end of file")
        ++r;
      else
        line += '\n';
      if (kind != '+') {
        check(copied < old_lines.size() && old_lines[copied] == line);
        ++copied;
        ++old_seen;
      }
      if (kind != '-') {
        out.append(line);
        ++new_seen;
      }
      if (kind == ' ') {
        if (!changed)
          ++leading_context;
        ++trailing_context;
      } else {
        changed = true;
        trailing_context = 0;
      }
    }
    check(changed);
    check(leading_context <= report::kDiffContextLines);
    check(trailing_context <= report::kDiffContextLines);
    check(old_seen == old_range->second);
    check(new_seen == new_range->second);
    shift +=
        static_cast<long long>(new_seen) - static_cast<long long>(old_seen);
  }
  for (; copied < old_lines.size(); ++copied)
    out.append(old_lines[copied]);
  return out;
}

/// As in edit_set_fuzzer: commuting insertions, when Edit has them, so
/// several insertions can share an offset.
template <typename E> void setCommutes(E &e) {
  if constexpr (requires { e.commutes; })
    e.commutes = e.isInsertion() && e.replacement.size() % 2 == 1;
}

constexpr const char *kPaths[] = {"app.py", "src/with space.py",
                                  "caf\xC3\xA9/x.py", "tab\there.py"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  FuzzedDataProvider in(data, size);
  const bool bom = in.ConsumeBool();
  const std::string path = kPaths[in.ConsumeIntegralInRange<int>(0, 3)];
  std::string bytes = in.ConsumeRandomLengthString(512);
  if (bom)
    bytes.insert(0, SourceFile::kUtf8Bom);
  const SourceFile file(path, bytes, Language::Python);
  const std::string_view content = file.content();

  EditSet set;
  for (int i = 0; i < 16 && in.remaining_bytes() > 0; ++i) {
    Edit e;
    e.range.offset = in.ConsumeIntegralInRange<std::size_t>(0, content.size());
    e.range.length = in.ConsumeIntegralInRange<std::size_t>(
        0, std::min<std::size_t>(24, content.size() - e.range.offset));
    e.replacement = in.ConsumeRandomLengthString(24);
    e.rule_id = "fuzz";
    setCommutes(e);
    (void)set.add(ChangeGroup{"fuzz", {e}});
  }

  FileOutcome outcome;
  outcome.source = &file;
  outcome.display_path = path;
  outcome.repo_path = path;
  outcome.edits = set.edits();
  auto applied = applyEdits(content, outcome.edits);
  check(applied.ok());
  outcome.new_content = std::move(applied).value();

  auto diff = report::unifiedDiff(outcome);
  check(diff.ok());
  const std::string old_bytes = file.withBom(content);
  const std::string new_bytes = file.withBom(outcome.new_content);
  if (diff->empty()) {
    check(old_bytes == new_bytes);
    return 0;
  }
  check(old_bytes != new_bytes);
  check(applyDiff(*diff, old_bytes) == new_bytes);
  return 0;
}
