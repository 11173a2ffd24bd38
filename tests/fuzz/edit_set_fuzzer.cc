// libFuzzer entry point for the edit algebra (lib/rewrite): random text and
// random change groups go through EditSet::add, and every step checks what
// the driver relies on: the set stays sorted, conflict-free and free of
// duplicates; a refused group leaves it untouched; an identical group is
// always accepted again without changing it; applyEdits never fails on the
// set's edits and its result does not depend on their order.
#include "rewrite/apply.h"
#include "rewrite/edit_set.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <string>
#include <vector>

namespace {

using keyshift::ChangeGroup;
using keyshift::Edit;
using keyshift::EditSet;

void check(bool ok) {
  if (!ok)
    std::abort();
}

/// Marks an insertion as commuting with other such insertions at its
/// offset, when Edit has that notion. The flag follows from the edit's
/// content, so edits that are the same change always agree on it.
template <typename E> void setCommutes(E &e) {
  if constexpr (requires { e.commutes; })
    e.commutes = e.isInsertion() && e.replacement.size() % 2 == 1;
}

void checkSet(const EditSet &set) {
  const std::vector<Edit> &edits = set.edits();
  check(std::is_sorted(edits.begin(), edits.end()));
  for (std::size_t i = 1; i < edits.size(); ++i) {
    // Neighbours may touch (an insertion at either end of a replacement,
    // commuting insertions at one offset) but never overlap.
    check(edits[i - 1].range.end() <= edits[i].range.offset);
    check(!EditSet::conflicts(edits[i - 1], edits[i]));
  }
}

bool sameEdits(const std::vector<Edit> &a, const std::vector<Edit> &b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!a[i].sameChange(b[i]) || a[i].rule_id != b[i].rule_id)
      return false;
  return true;
}

bool holds(const EditSet &set, const Edit &e) {
  return std::any_of(set.edits().begin(), set.edits().end(),
                     [&](const Edit &h) { return h.sameChange(e); });
}

Edit randomEdit(FuzzedDataProvider &in, std::size_t text_size,
                const std::string &rule_id) {
  Edit e;
  e.range.offset = in.ConsumeIntegralInRange<std::size_t>(0, text_size);
  e.range.length = in.ConsumeIntegralInRange<std::size_t>(
      0, std::min<std::size_t>(8, text_size - e.range.offset));
  e.replacement = in.ConsumeRandomLengthString(8);
  e.rule_id = rule_id;
  setCommutes(e);
  return e;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string text = in.ConsumeRandomLengthString(256);

  EditSet set;
  std::vector<ChangeGroup> accepted;
  for (int round = 0; round < 32 && in.remaining_bytes() > 0; ++round) {
    const std::vector<Edit> before = set.edits();

    if (!accepted.empty() && in.ConsumeBool()) {
      // The same change asked for twice (two rules, two translation units)
      // is one change: accepted, and nothing moves.
      const ChangeGroup &again =
          accepted[in.ConsumeIntegralInRange<std::size_t>(0,
                                                          accepted.size() - 1)];
      check(!set.add(again).has_value());
      check(sameEdits(before, set.edits()));
      continue;
    }

    ChangeGroup group;
    group.rule_id = "rule-" + std::to_string(round);
    const auto count = in.ConsumeIntegralInRange<int>(1, 4);
    for (int i = 0; i < count; ++i) {
      if (!group.edits.empty() && in.ConsumeBool())
        group.edits.push_back(group.edits.back()); // a duplicate in-group
      else
        group.edits.push_back(randomEdit(in, text.size(), group.rule_id));
    }

    // What the set should decide, from the pairwise relation alone.
    bool expect_conflict = false;
    for (std::size_t i = 0; i < group.edits.size(); ++i) {
      for (const Edit &have : before)
        expect_conflict |= EditSet::conflicts(group.edits[i], have);
      for (std::size_t j = 0; j < i; ++j)
        expect_conflict |= EditSet::conflicts(group.edits[i], group.edits[j]);
    }
    for (const Edit &a : group.edits)
      for (const Edit &b : before)
        check(EditSet::conflicts(a, b) == EditSet::conflicts(b, a));

    const auto conflict = set.add(group);
    check(conflict.has_value() == expect_conflict);
    if (conflict) {
      // All or nothing: a refused group leaves no trace.
      check(sameEdits(before, set.edits()));
      check(EditSet::conflicts(conflict->incoming, conflict->existing));
      check(std::any_of(
          group.edits.begin(), group.edits.end(),
          [&](const Edit &e) { return e.sameChange(conflict->incoming); }));
    } else {
      for (const Edit &e : group.edits)
        check(holds(set, e));
      for (const Edit &e : before)
        check(holds(set, e));
      accepted.push_back(group);
    }
    checkSet(set);
  }

  // Every edit lies inside the text, so applying the set cannot fail, and
  // it gives the same text whatever order the edits come in.
  auto applied = keyshift::applyEdits(text, set.edits());
  check(applied.ok());
  std::size_t expected_size = text.size();
  for (const Edit &e : set.edits())
    expected_size += e.replacement.size() - e.range.length;
  check(applied->size() == expected_size);
  std::vector<Edit> reversed(set.edits().rbegin(), set.edits().rend());
  auto applied_reversed = keyshift::applyEdits(text, reversed);
  check(applied_reversed.ok() && *applied_reversed == *applied);
  // Edit by edit from the back gives the same text too: offsets before a
  // later edit are untouched by it.
  std::string stepwise = text;
  for (auto it = set.edits().rbegin(); it != set.edits().rend(); ++it)
    stepwise.replace(it->range.offset, it->range.length, it->replacement);
  check(stepwise == *applied);
  return 0;
}
