#include "scan/prefilter.h"

#include <algorithm>
#include <array>
#include <deque>
#include <utility>

namespace keyshift::scan {

Prefilter::Prefilter(std::vector<std::string> literals)
    : literals_(std::move(literals)) {
  // Build the trie, then BFS for failure links, filling the dense table
  // (goto function completed with failure transitions = a DFA).
  constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::vector<std::array<std::uint32_t, 256>> go(1);
  go[0].fill(kNone);
  std::vector<std::vector<std::uint32_t>> outputs(1);
  for (std::size_t i = 0; i < literals_.size(); ++i) {
    const std::string &lit = literals_[i];
    if (lit.empty()) {
      always_.push_back(i);
      continue;
    }
    std::uint32_t s = 0;
    for (unsigned char c : lit) {
      if (go[s][c] == kNone) {
        go[s][c] = static_cast<std::uint32_t>(go.size());
        go.emplace_back();
        go.back().fill(kNone);
        outputs.emplace_back();
      }
      s = go[s][c];
    }
    outputs[s].push_back(static_cast<std::uint32_t>(i));
    max_len_ = std::max(max_len_, lit.size());
  }
  distinct_outputs_ = literals_.size() - always_.size();

  std::vector<std::uint32_t> fail(go.size(), 0);
  std::deque<std::uint32_t> queue;
  for (int c = 0; c < 256; ++c) {
    if (go[0][c] == kNone) {
      go[0][c] = 0;
    } else {
      fail[go[0][c]] = 0;
      queue.push_back(go[0][c]);
    }
  }
  while (!queue.empty()) {
    std::uint32_t s = queue.front();
    queue.pop_front();
    // BFS order: the failure state's outputs are final before we copy them.
    const std::vector<std::uint32_t> &inherited = outputs[fail[s]];
    outputs[s].insert(outputs[s].end(), inherited.begin(), inherited.end());
    for (int c = 0; c < 256; ++c) {
      std::uint32_t t = go[s][c];
      if (t == kNone) {
        go[s][c] = go[fail[s]][c];
      } else {
        fail[t] = go[fail[s]][c];
        queue.push_back(t);
      }
    }
  }

  // Bytes that occur in no literal all behave alike; folding them (and any
  // other bytes with identical columns) into classes shrinks the table
  // from 256 columns to a few dozen, so it stays in L1 cache.
  std::vector<std::uint8_t> cls(256, 0);
  {
    std::vector<std::vector<std::uint32_t>> columns;
    for (int c = 0; c < 256; ++c) {
      std::vector<std::uint32_t> col(go.size());
      for (std::size_t st = 0; st < go.size(); ++st)
        col[st] = go[st][c];
      auto it = std::find(columns.begin(), columns.end(), col);
      cls[c] = static_cast<std::uint8_t>(it - columns.begin());
      if (it == columns.end())
        columns.push_back(std::move(col));
    }
    stride_ = static_cast<std::uint32_t>(columns.size());
  }
  for (int c = 0; c < 256; ++c)
    class_of_[c] = cls[c];

  // Renumber so accepting states come last: the hot loop then tests "is
  // this a match" with one compare against accept_base_.
  std::vector<std::uint32_t> order;
  for (std::uint32_t st = 0; st < go.size(); ++st)
    if (outputs[st].empty())
      order.push_back(st);
  std::uint32_t first_accepting = static_cast<std::uint32_t>(order.size());
  for (std::uint32_t st = 0; st < go.size(); ++st)
    if (!outputs[st].empty())
      order.push_back(st);
  std::vector<std::uint32_t> new_id(go.size());
  for (std::uint32_t k = 0; k < order.size(); ++k)
    new_id[order[k]] = k;
  accept_base_ = first_accepting * stride_;

  table_.assign(go.size() * stride_, 0);
  out_begin_.assign(go.size() + 1, 0);
  for (std::uint32_t k = 0; k < order.size(); ++k) {
    std::uint32_t st = order[k];
    std::sort(outputs[st].begin(), outputs[st].end());
    out_begin_[k] = static_cast<std::uint32_t>(out_ids_.size());
    out_ids_.insert(out_ids_.end(), outputs[st].begin(), outputs[st].end());
    for (int c = 0; c < 256; ++c)
      table_[k * stride_ + cls[c]] = new_id[go[st][c]] * stride_;
  }
  out_begin_[go.size()] = static_cast<std::uint32_t>(out_ids_.size());
}

template <typename OnHit>
void Prefilter::scan(std::string_view text, OnHit &&on_hit) const {
  if (distinct_outputs_ == 0)
    return;
  const std::uint32_t *table = table_.data();
  const std::uint8_t *class_of = class_of_.data();
  const std::uint32_t accept = accept_base_;
  const auto *data = reinterpret_cast<const unsigned char *>(text.data());
  const std::size_t n = text.size();

  // One DFA walk is a chain of dependent loads (~5 cycles a byte). Four
  // walks over four slices of the text are independent, so the CPU overlaps
  // them. Each slice starts max_len_ - 1 bytes early (in the start state) so
  // a literal straddling a slice boundary is still seen whole.
  constexpr std::size_t kLanes = 4;
  if (n >= kLanes * 1024 && n / kLanes > max_len_) {
    const std::size_t slice = n / kLanes;
    const std::size_t overlap = max_len_ - 1;
    const unsigned char *p[kLanes];
    std::uint32_t base[kLanes] = {0, 0, 0, 0};
    p[0] = data;
    for (std::size_t k = 1; k < kLanes; ++k)
      p[k] = data + k * slice - overlap;
    // Lane 0 runs `overlap` bytes past its slice instead of starting early,
    // so all lanes take the same number of steps.
    const std::size_t steps = slice + overlap;
    for (std::size_t i = 0; i < steps; ++i) {
      for (std::size_t k = 0; k < kLanes; ++k)
        base[k] = table[base[k] + class_of[p[k][i]]];
      // Bitwise, not ||: one predictable branch per step, not four.
      if ((base[0] >= accept) | (base[1] >= accept) | (base[2] >= accept) |
          (base[3] >= accept)) {
        for (std::size_t k = 0; k < kLanes; ++k)
          if (base[k] >= accept && !on_hit(base[k] / stride_))
            return;
      }
    }
    // Lane 3 stopped at kLanes * slice; the last n % kLanes bytes remain.
    std::uint32_t b = base[kLanes - 1];
    for (std::size_t i = kLanes * slice; i < n; ++i) {
      b = table[b + class_of[data[i]]];
      if (b >= accept && !on_hit(b / stride_))
        return;
    }
    return;
  }
  std::uint32_t b = 0; // state * stride_
  for (std::size_t i = 0; i < n; ++i) {
    b = table[b + class_of[data[i]]];
    if (b >= accept && !on_hit(b / stride_))
      return;
  }
}

std::vector<std::size_t> Prefilter::present(std::string_view text) const {
  std::vector<bool> found(literals_.size(), false);
  std::size_t remaining = distinct_outputs_;
  scan(text, [&](std::uint32_t state) {
    for (std::uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
      if (!found[out_ids_[k]]) {
        found[out_ids_[k]] = true;
        --remaining;
      }
    }
    return remaining > 0; // all found: the rest of the file cannot add any
  });
  for (std::size_t i : always_)
    found[i] = true;
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < found.size(); ++i)
    if (found[i])
      out.push_back(i);
  return out;
}

bool Prefilter::any(std::string_view text) const {
  if (!always_.empty())
    return true;
  bool hit = false;
  scan(text, [&](std::uint32_t) {
    hit = true;
    return false;
  });
  return hit;
}

} // namespace keyshift::scan
