#include "match/config/json_format.h"

#include "match/config/config_engine.h"
#include "match/config/env_names.h"
#include "match/config/line_format.h"
#include "match/treesitter/syntax_checker.h"
#include "match/treesitter/tree.h"

#include <algorithm>
#include <map>

extern "C" const TSLanguage *tree_sitter_json(void);

namespace keyshift::config {
namespace {

using ts::nodeRange;
using ts::nodeType;

constexpr int kMaxDepth = 200; // as yaml_format.cc

ByteRange contentOf(TSNode string) {
  ByteRange r = nodeRange(string);
  return r.length >= 2 ? ByteRange{r.offset + 1, r.length - 2}
                       : ByteRange{r.offset, 0};
}

bool isScalar(std::string_view t) {
  return t == "string" || t == "number" || t == "true" || t == "false" ||
         t == "null";
}

class Reader {
public:
  explicit Reader(std::string_view text) : text_(text) {}

  void value(TSNode n, std::size_t scope, std::string_view parent_key,
             int depth) {
    if (ts_node_is_null(n) || ts::isErrorNode(n) || depth > kMaxDepth)
      return;
    std::string_view t = nodeType(n);
    if (t == "object") {
      object(n, scope, parent_key, depth);
      return;
    }
    if (t == "string") {
      string(n, scope, false);
      return;
    }
    for (TSNode c : ts::namedChildren(n))
      value(c, scope, parent_key, depth + 1);
  }

  std::vector<Entry> take() {
    std::stable_sort(
        out_.begin(), out_.end(),
        [](const Entry &a, const Entry &b) { return start(a) < start(b); });
    return std::move(out_);
  }

private:
  static std::size_t start(const Entry &e) {
    return e.kind == Entry::Kind::Text ? e.value_range.offset
                                       : e.key_range.offset;
  }
  std::string_view at(ByteRange r) const {
    return text_.substr(r.offset, r.length);
  }

  void object(TSNode n, std::size_t scope, std::string_view parent_key,
              int depth) {
    std::vector<std::pair<TSNode, TSNode>> pairs;
    std::map<std::string_view, int> seen;
    for (TSNode p : ts::namedChildren(n)) {
      TSNode key = ts::childByField(p, "key");
      if (nodeType(p) != "pair" || nodeType(key) != "string")
        continue;
      pairs.emplace_back(key, ts::childByField(p, "value"));
      ++seen[at(contentOf(key))];
    }
    bool env_map = isEnvMapKey(parent_key) ||
                   (!pairs.empty() &&
                    std::all_of(pairs.begin(), pairs.end(), [&](auto &p) {
                      return isUpperEnvName(at(contentOf(p.first)));
                    }));
    if (!env_map)
      scope = ts_node_start_byte(n) + 1;
    bool scripts = parent_key == "scripts";
    for (auto &[key, v] : pairs) {
      if (ts_node_is_null(v) || ts::isErrorNode(v))
        continue;
      ByteRange k = contentOf(key);
      std::string_view name = at(k);
      if (isEnvName(name) && (env_map || isUpperEnvName(name)) &&
          isScalar(nodeType(v))) {
        ByteRange val = nodeType(v) == "string" ? contentOf(v) : nodeRange(v);
        Entry &e = assignment(k, val, scope);
        e.ambiguous = seen[name] > 1;
        continue;
      }
      if (nodeType(v) == "string")
        string(v, scope, scripts);
      else
        value(v, scope, name, 1 + depth);
    }
  }

  /// A string value: a shell line in package.json scripts, else Text.
  void string(TSNode s, std::size_t scope, bool shell) {
    ByteRange r = contentOf(s);
    if (r.empty())
      return;
    std::size_t first = out_.size();
    if (shell && at(r).find('\\') == std::string_view::npos) {
      for (Entry &e : parseLines(at(r), LineFlavour::Shell).entries) {
        e.key_range.offset += r.offset;
        e.value_range.offset += r.offset;
        e.escaped = true;
        out_.push_back(std::move(e));
      }
    } else {
      Entry e;
      e.kind = Entry::Kind::Text;
      e.value = std::string(at(r));
      e.value_range = r;
      e.escaped = true;
      out_.push_back(std::move(e));
      references(r);
    }
    for (std::size_t i = first; i < out_.size(); ++i)
      out_[i].scope = scope;
  }

  Entry &assignment(ByteRange key, ByteRange value, std::size_t scope) {
    Entry e;
    e.key = std::string(at(key));
    e.key_range = key;
    e.value = std::string(at(value));
    e.value_range = value;
    e.escaped = true;
    e.scope = scope;
    out_.push_back(std::move(e));
    std::size_t index = out_.size() - 1;
    references(value);
    for (std::size_t i = index; i < out_.size(); ++i)
      out_[i].scope = scope;
    return out_[index];
  }

  /// $X, ${X} and the editors' ${env:X}, ${localEnv:X}, ${containerEnv:X}.
  void references(ByteRange value) {
    addReferences(text_, value.offset, value.end(), LineFlavour::Shell, out_);
    std::string_view v = at(value);
    for (std::size_t open = v.find("${"); open != std::string_view::npos;
         open = v.find("${", open + 2)) {
      std::size_t colon = v.find(':', open);
      std::size_t close = v.find('}', open);
      if (colon == std::string_view::npos || close == std::string_view::npos ||
          colon > close)
        continue;
      std::string_view ctx = v.substr(open + 2, colon - open - 2);
      std::string_view name = v.substr(colon + 1, close - colon - 1);
      if ((ctx != "env" && ctx != "localEnv" && ctx != "containerEnv") ||
          !isEnvName(name))
        continue;
      Entry e;
      e.kind = Entry::Kind::Reference;
      e.key = std::string(name);
      e.key_range = ByteRange{value.offset + colon + 1, name.size()};
      out_.push_back(std::move(e));
    }
  }

  std::string_view text_;
  std::vector<Entry> out_;
};

class JsonFormat final : public Format {
public:
  std::vector<Entry> entries(const SourceFile &file) const override {
    return jsonEntries(file.content());
  }
  std::string escape(std::string_view text) const override {
    return jsonEscape(text);
  }
  const SyntaxChecker &checker() const override { return checker_; }

private:
  ts::TreeSyntaxChecker checker_{tree_sitter_json()};
};

} // namespace

std::vector<Entry> jsonEntries(std::string_view text) {
  auto tree = ts::Tree::parse(tree_sitter_json(), text);
  if (!tree.ok())
    return {};
  Reader reader(text);
  reader.value(tree.value().root(), 0, {}, 0);
  return reader.take();
}

std::string jsonEscape(std::string_view text, std::string_view line_break) {
  static const char *hex = "0123456789abcdef";
  std::string out;
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      out += line_break;
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        out += "\\u00";
        out += hex[(c >> 4) & 0xF];
        out += hex[c & 0xF];
      } else {
        out += c;
      }
    }
  }
  return out;
}

std::unique_ptr<Format> jsonFormat() { return std::make_unique<JsonFormat>(); }

} // namespace keyshift::config
