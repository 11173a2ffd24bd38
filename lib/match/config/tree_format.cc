#include "match/config/tree_format.h"

#include "match/config/line_format.h"
#include "match/treesitter/budget.h"
#include "match/treesitter/syntax_checker.h"
#include "match/treesitter/tree.h"

#include <algorithm>
#include <cctype>

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
  if (kind == Entry::Kind::Text) // a CI `run:` script, a compose command
    addCommandAssignments(text_, value.offset, value.end(), out_);
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

/// A comma before a closing bracket (`{"a": 1,}`): JSONC (VS Code settings,
/// tsconfig) and YAML flow collections allow it, the grammars do not. It
/// does not stop keyshift from reading the file.
bool trailingComma(TSNode error, std::string_view text) {
  std::string_view own = ts::nodeText(error, text);
  while (!own.empty() && std::isspace(static_cast<unsigned char>(own.back())))
    own.remove_suffix(1);
  while (!own.empty() && std::isspace(static_cast<unsigned char>(own.front())))
    own.remove_prefix(1);
  if (own != ",")
    return false;
  std::size_t i = ts_node_end_byte(error);
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (text.substr(i, 2) == "//") {
      i = text.find('\n', i);
      if (i == std::string_view::npos)
        return false;
    } else if (text.substr(i, 2) == "/*") {
      i = text.find("*/", i + 2);
      if (i == std::string_view::npos)
        return false;
      i += 2;
    } else {
      return c == '}' || c == ']';
    }
  }
  return false;
}

class TreeFormat final : public Format {
public:
  TreeFormat(const TSLanguage *language, EntryReader read, Escaper escape)
      : language_(language), read_(read), escape_(escape), checker_(language) {}
  Reading read(const SourceFile &file) const override {
    std::string_view text = file.content();
    auto tree = ts::Tree::parse(language_, text);
    if (!tree.ok())
      return {{}, 0};
    TSNode root = tree.value().root();
    // A reader level is at least one tree level: a tree within the cap is
    // read whole.
    if (ts::treeDepth(root, kMaxReaderDepth) > kMaxReaderDepth)
      return {{},
              std::nullopt,
              "nested more than " + std::to_string(kMaxReaderDepth) +
                  " levels deep"};
    return {read_(root, text), firstError(root, text), ""};
  }
  std::string escape(std::string_view text) const override {
    return escape_ ? escape_(text) : std::string(text);
  }
  const SyntaxChecker &checker() const override { return checker_; }

private:
  static std::optional<std::size_t> firstError(TSNode root,
                                               std::string_view text) {
    std::optional<std::size_t> at;
    ts::walk(root, [&](const ts::WalkStep &step) {
      if (at)
        return false;
      if (ts::isErrorNode(step.node) && !trailingComma(step.node, text)) {
        at = ts_node_start_byte(step.node);
        return false;
      }
      return ts_node_has_error(step.node);
    });
    return at;
  }

  const TSLanguage *language_;
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
