#include "match/config/json_format.h"

#include "match/config/config_engine.h"
#include "match/config/env_names.h"
#include "match/config/line_format.h"
#include "match/config/tree_format.h"
#include "match/treesitter/tree.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

extern "C" const TSLanguage *tree_sitter_json(void);

namespace keyshift::config {
namespace {

using ts::nodeRange;
using ts::nodeType;

constexpr int kMaxDepth = kMaxReaderDepth;

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

  std::vector<Entry> take() { return out_.take(); }

private:
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
    if (shell && at(r).find('\\') == std::string_view::npos) {
      out_.addShifted(parseLines(at(r), LineFlavour::Shell).entries, r.offset,
                      scope);
      return;
    }
    out_.add(Entry::Kind::Text, ByteRange{}, r, scope);
    editorReferences(r, scope);
  }

  Entry &assignment(ByteRange key, ByteRange value, std::size_t scope) {
    std::size_t index = out_.add(Entry::Kind::Assignment, key, value, scope);
    editorReferences(value, scope);
    return out_[index];
  }

  /// The editors' ${env:X}, ${localEnv:X}, ${containerEnv:X}.
  void editorReferences(ByteRange value, std::size_t scope) {
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
      out_.addReference(ByteRange{value.offset + colon + 1, name.size()},
                        scope);
    }
  }

  std::string_view text_;
  EntrySink out_{text_};
};

} // namespace

namespace {
std::vector<Entry> readJson(TSNode root, std::string_view text) {
  Reader reader(text);
  reader.value(root, 0, {}, 0);
  return reader.take();
}
} // namespace

std::vector<Entry> jsonEntries(std::string_view text) {
  auto tree = ts::Tree::parse(tree_sitter_json(), text);
  return tree.ok() ? readJson(tree.value().root(), text) : std::vector<Entry>{};
}

std::string jsonEscape(std::string_view text, std::string_view line_break) {
  // nlohmann writes the escapes JSON needs (keyshift's own replacement text
  // is UTF-8; anything else would become U+FFFD rather than break the file).
  std::string quoted =
      nlohmann::json(std::string(text))
          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string_view inside(quoted.data() + 1, quoted.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < inside.size(); ++i) {
    out += inside[i];
    if (inside[i] != '\\' || i + 1 >= inside.size())
      continue;
    out += inside[++i];
    if (inside[i] == 'n')
      out += line_break;
  }
  return out;
}

std::unique_ptr<Format> jsonFormat() {
  return treeFormat(tree_sitter_json(), readJson,
                    [](std::string_view text) { return jsonEscape(text); });
}

} // namespace keyshift::config
