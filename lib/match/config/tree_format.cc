#include "match/config/tree_format.h"

#include "match/config/line_format.h"
#include "match/treesitter/syntax_checker.h"

#include <algorithm>

namespace keyshift::config {

std::size_t EntrySink::add(Entry::Kind kind, ByteRange key, ByteRange value,
                           std::size_t scope) {
  Entry e;
  e.kind = kind;
  e.key = std::string(at(key));
  e.key_range = key;
  e.value = std::string(at(value));
  e.value_range = value;
  std::size_t index = out_.size();
  out_.push_back(std::move(e));
  addReferences(text_, value.offset, value.end(), LineFlavour::Shell, out_);
  for (std::size_t i = index; i < out_.size(); ++i)
    out_[i].scope = scope;
  return index;
}

void EntrySink::addReference(ByteRange name, std::size_t scope) {
  Entry e;
  e.kind = Entry::Kind::Reference;
  e.key = std::string(at(name));
  e.key_range = name;
  e.scope = scope;
  out_.push_back(std::move(e));
}

void EntrySink::addShifted(std::vector<Entry> entries, std::size_t offset,
                           std::size_t scope) {
  for (Entry &e : entries) {
    e.key_range.offset += offset;
    e.value_range.offset += offset;
    e.scope = scope;
    out_.push_back(std::move(e));
  }
}

std::vector<Entry> EntrySink::take() {
  auto start = [](const Entry &e) {
    return e.kind == Entry::Kind::Text ? e.value_range.offset
                                       : e.key_range.offset;
  };
  std::stable_sort(
      out_.begin(), out_.end(),
      [&](const Entry &a, const Entry &b) { return start(a) < start(b); });
  return std::move(out_);
}

namespace {

class TreeFormat final : public Format {
public:
  TreeFormat(const TSLanguage *language, EntryReader read, Escaper escape)
      : read_(read), escape_(escape), checker_(language) {}
  std::vector<Entry> entries(const SourceFile &file) const override {
    return read_(file.content());
  }
  std::string escape(std::string_view text) const override {
    return escape_ ? escape_(text) : std::string(text);
  }
  const SyntaxChecker &checker() const override { return checker_; }

private:
  EntryReader read_;
  Escaper escape_;
  ts::TreeSyntaxChecker checker_;
};

} // namespace

std::unique_ptr<Format> treeFormat(const TSLanguage *language, EntryReader read,
                                   Escaper escape) {
  return std::make_unique<TreeFormat>(language, read, escape);
}

} // namespace keyshift::config
