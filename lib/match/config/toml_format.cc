#include "match/config/toml_format.h"

#include "match/config/config_engine.h"
#include "match/config/env_names.h"
#include "match/config/tree_format.h"
#include "match/treesitter/tree.h"

#include <algorithm>

extern "C" const TSLanguage *tree_sitter_toml(void);

namespace keyshift::config {
namespace {

using ts::nodeRange;
using ts::nodeText;
using ts::nodeType;

/// The bytes inside a string's quotes (one or three of them).
ByteRange innerRange(TSNode string, std::string_view text) {
  ByteRange r = nodeRange(string);
  std::string_view s = nodeText(string, text);
  std::size_t q =
      s.size() >= 6 && (s.substr(0, 3) == "\"\"\"" || s.substr(0, 3) == "'''")
          ? 3
          : 1;
  if (r.length < 2 * q)
    return ByteRange{r.offset, 0};
  return ByteRange{r.offset + q, r.length - 2 * q};
}

bool isKey(std::string_view t) {
  return t == "bare_key" || t == "quoted_key" || t == "dotted_key";
}

/// A key's last component (its name) and the one before it (its parent).
struct KeyParts {
  ByteRange name;
  std::string_view parent;
};
KeyParts keyParts(TSNode key, std::string_view text) {
  std::vector<TSNode> parts;
  ts::walk(key, [&](const ts::WalkStep &step) {
    std::string_view t = nodeType(step.node);
    if (t == "bare_key" || t == "quoted_key") {
      parts.push_back(step.node);
      return false;
    }
    return true;
  });
  KeyParts out;
  if (parts.empty())
    return out;
  TSNode last = parts.back();
  out.name =
      nodeType(last) == "quoted_key" ? innerRange(last, text) : nodeRange(last);
  if (parts.size() > 1) {
    TSNode before = parts[parts.size() - 2];
    ByteRange p = nodeType(before) == "quoted_key" ? innerRange(before, text)
                                                   : nodeRange(before);
    out.parent = text.substr(p.offset, p.length);
  }
  return out;
}

class Reader {
public:
  explicit Reader(std::string_view text) : text_(text) {}

  /// A table, an inline table or the document's top-level pairs: each is
  /// a scope of its own (TOML tables do not nest in the text).
  void table(TSNode n, std::string_view name) {
    std::size_t scope = ts_node_start_byte(n) + 1;
    std::vector<TSNode> pairs;
    for (TSNode c : ts::namedChildren(n))
      if (nodeType(c) == "pair")
        pairs.push_back(c);
    bool env_map = isEnvMapKey(name) ||
                   (!pairs.empty() &&
                    std::all_of(pairs.begin(), pairs.end(), [&](TSNode p) {
                      KeyParts k = keyParts(ts::firstNamedChild(p), text_);
                      return isUpperEnvName(at(k.name));
                    }));
    for (TSNode c : ts::namedChildren(n)) {
      std::string_view t = nodeType(c);
      if (t == "table" || t == "table_array_element")
        table(c, at(keyParts(ts::firstNamedChild(c), text_).name));
      else if (t == "pair")
        pair(c, env_map, scope);
    }
  }

  std::vector<Entry> take() { return out_.take(); }

private:
  std::string_view at(ByteRange r) const {
    return text_.substr(r.offset, r.length);
  }

  void pair(TSNode p, bool env_map, std::size_t scope) {
    std::vector<TSNode> kids;
    for (TSNode c : ts::namedChildren(p))
      if (nodeType(c) != "comment")
        kids.push_back(c);
    if (kids.size() < 2 || !isKey(nodeType(kids.front())) ||
        ts::isErrorNode(kids.back()))
      return;
    KeyParts key = keyParts(kids.front(), text_);
    TSNode value = kids.back();
    std::string_view name = at(key.name);
    std::string_view vt = nodeType(value);
    bool in_env = env_map || isEnvMapKey(key.parent);
    if (isEnvName(name) && (in_env || isUpperEnvName(name)) &&
        vt != "inline_table" && vt != "array") {
      ByteRange v =
          vt == "string" ? innerRange(value, text_) : nodeRange(value);
      add(Entry::Kind::Assignment, key.name, v, scope);
      return;
    }
    values(value, scope);
  }

  void values(TSNode value, std::size_t scope) {
    std::string_view vt = nodeType(value);
    if (vt == "string")
      add(Entry::Kind::Text, ByteRange{}, innerRange(value, text_), scope);
    else if (vt == "inline_table")
      table(value, {});
    else if (vt == "array")
      for (TSNode item : ts::namedChildren(value))
        values(item, scope);
  }

  void add(Entry::Kind kind, ByteRange key, ByteRange value,
           std::size_t scope) {
    if (kind != Entry::Kind::Text || !value.empty())
      out_.add(kind, key, value, scope);
  }

  std::string_view text_;
  EntrySink out_{text_};
};

} // namespace

namespace {
std::vector<Entry> readToml(TSNode root, std::string_view text) {
  Reader reader(text);
  reader.table(root, {});
  return reader.take();
}
} // namespace

std::vector<Entry> tomlEntries(std::string_view text) {
  auto tree = ts::Tree::parse(tree_sitter_toml(), text);
  return tree.ok() ? readToml(tree.value().root(), text) : std::vector<Entry>{};
}

std::unique_ptr<Format> tomlFormat() {
  return treeFormat(tree_sitter_toml(), readToml);
}

} // namespace keyshift::config
