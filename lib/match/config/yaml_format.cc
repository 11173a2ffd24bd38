#include "match/config/yaml_format.h"

#include "match/config/config_engine.h"
#include "match/config/env_names.h"
#include "match/config/tree_format.h"
#include "match/treesitter/tree.h"

#include <algorithm>
#include <cctype>
#include <optional>

extern "C" const TSLanguage *tree_sitter_yaml(void);

namespace keyshift::config {
namespace {

using ts::nodeRange;
using ts::nodeText;
using ts::nodeType;

/// Deeper nesting is not read (a config file this deep is not an env map;
/// the bound keeps the recursion's stack small on hostile input).
constexpr int kMaxDepth = kMaxReaderDepth;

bool isScalarType(std::string_view t) {
  return t == "plain_scalar" || t == "double_quote_scalar" ||
         t == "single_quote_scalar" || t == "block_scalar";
}

/// The scalar under a flow_node/block_node (past any anchor or tag), or a
/// null node.
TSNode scalarOf(TSNode node) {
  if (ts_node_is_null(node))
    return node;
  if (isScalarType(nodeType(node)))
    return node;
  for (TSNode c : ts::namedChildren(node))
    if (isScalarType(nodeType(c)))
      return c;
  return TSNode{};
}

/// The bytes of a scalar's value as written: inside the quotes, after a
/// block scalar's header line.
ByteRange innerRange(TSNode scalar, std::string_view text) {
  ByteRange r = nodeRange(scalar);
  std::string_view type = nodeType(scalar);
  if ((type == "double_quote_scalar" || type == "single_quote_scalar") &&
      r.length >= 2)
    return ByteRange{r.offset + 1, r.length - 2};
  if (type == "block_scalar") {
    auto nl = nodeText(scalar, text).find('\n');
    if (nl == std::string_view::npos)
      return ByteRange{r.end(), 0};
    return ByteRange::fromBounds(r.offset + nl + 1, r.end());
  }
  return r;
}

/// The pairs of a mapping: (key node, value node), value maybe null.
std::vector<std::pair<TSNode, TSNode>> pairsOf(TSNode mapping) {
  std::vector<std::pair<TSNode, TSNode>> pairs;
  for (TSNode p : ts::namedChildren(mapping)) {
    std::string_view t = nodeType(p);
    if (t == "block_mapping_pair" || t == "flow_pair")
      pairs.emplace_back(ts::childByField(p, "key"),
                         ts::childByField(p, "value"));
  }
  return pairs;
}

class Reader {
public:
  explicit Reader(std::string_view text) : text_(text) {}

  void node(TSNode n, std::size_t scope, std::string_view parent_key,
            int depth) {
    if (ts_node_is_null(n) || ts::isErrorNode(n) || depth > kMaxDepth)
      return;
    std::string_view t = nodeType(n);
    if (t == "document")
      scope = ts_node_start_byte(n) + 1; // 0 is "no document" in the stream
    if (t == "block_mapping" || t == "flow_mapping") {
      mapping(n, scope, parent_key, depth);
      return;
    }
    if (t == "block_sequence" || t == "flow_sequence") {
      sequence(n, scope, parent_key, depth);
      return;
    }
    if (isScalarType(t)) {
      text(n, scope);
      return;
    }
    for (TSNode c : ts::namedChildren(n))
      node(c, scope, parent_key, depth + 1);
  }

  std::vector<Entry> take() { return out_.take(); }

private:
  std::string_view keyText(TSNode key) const {
    TSNode s = scalarOf(key);
    if (ts_node_is_null(s) || nodeType(s) == "block_scalar")
      return {};
    ByteRange r = innerRange(s, text_);
    return text_.substr(r.offset, r.length);
  }

  void mapping(TSNode n, std::size_t scope, std::string_view parent_key,
               int depth) {
    auto pairs = pairsOf(n);
    if (kubernetesItem(pairs, scope))
      return;
    bool env_map = isEnvMapKey(parent_key) ||
                   std::all_of(pairs.begin(), pairs.end(), [&](auto &p) {
                     return isUpperEnvName(keyText(p.first));
                   });
    if (!env_map)
      scope = ts_node_start_byte(n) + 1;
    for (auto &[key, value] : pairs) {
      if ((!ts_node_is_null(key) && ts::isErrorNode(key)) ||
          (!ts_node_is_null(value) && ts::isErrorNode(value)))
        continue;
      std::string_view name = keyText(key);
      TSNode scalar = scalarOf(value);
      bool named = isEnvName(name) && (env_map || isUpperEnvName(name));
      if (named && (ts_node_is_null(value) || !ts_node_is_null(scalar))) {
        TSNode key_scalar = scalarOf(key);
        ByteRange v = ts_node_is_null(scalar)
                          ? ByteRange{nodeRange(key).end(), 0}
                          : innerRange(scalar, text_);
        assignment(innerRange(key_scalar, text_), v, scope);
        continue;
      }
      if (!ts_node_is_null(scalar)) {
        text(scalar, scope);
        continue;
      }
      node(value, scope, name, depth + 1);
    }
  }

  void sequence(TSNode n, std::size_t scope, std::string_view parent_key,
                int depth) {
    for (TSNode item : ts::namedChildren(n)) {
      TSNode value = nodeType(item) == "block_sequence_item"
                         ? ts::firstNamedChild(item)
                         : item;
      TSNode scalar = scalarOf(value);
      if (ts_node_is_null(scalar) || nodeType(scalar) == "block_scalar") {
        node(value, scope, parent_key, depth + 1);
        continue;
      }
      // `- NAME=value`, and in an env list a bare `- NAME` (passed through
      // from the host).
      ByteRange r = innerRange(scalar, text_);
      std::string_view s = text_.substr(r.offset, r.length);
      auto eq = s.find('=');
      std::string_view name = s.substr(0, eq);
      if (isEnvName(name) &&
          (eq != std::string_view::npos ||
           (isEnvMapKey(parent_key) && isUpperEnvName(name)))) {
        ByteRange v = eq == std::string_view::npos
                          ? ByteRange{r.end(), 0}
                          : ByteRange::fromBounds(r.offset + eq + 1, r.end());
        assignment(ByteRange{r.offset, name.size()}, v, scope);
        continue;
      }
      text(scalar, scope);
    }
  }

  /// A Kubernetes env item, `{name: NAME, value: v}` or `{name: NAME,
  /// valueFrom: {secretKeyRef: ...}}`: one assignment of NAME.
  bool kubernetesItem(const std::vector<std::pair<TSNode, TSNode>> &pairs,
                      std::size_t scope) {
    TSNode name{}, value{}, value_from{};
    for (auto &[key, v] : pairs) {
      std::string_view k = keyText(key);
      if (k == "name")
        name = v;
      else if (k == "value")
        value = v;
      else if (k == "valueFrom")
        value_from = v;
      else
        return false;
    }
    TSNode name_scalar = scalarOf(name);
    if (ts_node_is_null(name_scalar) ||
        (ts_node_is_null(value) && ts_node_is_null(value_from)))
      return false;
    ByteRange key = innerRange(name_scalar, text_);
    if (!isEnvName(text_.substr(key.offset, key.length)))
      return false;
    TSNode value_scalar = scalarOf(value);
    ByteRange v = ts_node_is_null(value_scalar)
                      ? ByteRange{key.end(), 0}
                      : innerRange(value_scalar, text_);
    Entry &e = assignment(key, v, scope);
    if (!ts_node_is_null(value_from))
      e.secret_ref = secretKeyRef(value_from);
    return true;
  }

  /// The `secretKeyRef: ...` pair under a valueFrom node, or its whole
  /// node when it holds something else (a configMapKeyRef is reported as
  /// well: it is not this file's to change).
  ByteRange secretKeyRef(TSNode value_from) const {
    ByteRange found = nodeRange(value_from);
    ts::walk(value_from, [&](const ts::WalkStep &step) {
      std::string_view t = nodeType(step.node);
      if ((t == "block_mapping_pair" || t == "flow_pair") &&
          keyText(ts::childByField(step.node, "key")) == "secretKeyRef") {
        found = nodeRange(step.node);
        return false;
      }
      return true;
    });
    return found;
  }

  Entry &assignment(ByteRange key, ByteRange value, std::size_t scope) {
    std::size_t at = out_.add(Entry::Kind::Assignment, key, value, scope);
    ciExpressions(value, scope, at);
    return out_[at];
  }

  void text(TSNode scalar, std::size_t scope) {
    ByteRange r = innerRange(scalar, text_);
    if (r.empty())
      return;
    out_.add(Entry::Kind::Text, ByteRange{}, r, scope);
    ciExpressions(r, scope, std::nullopt);
  }

  /// CI expressions in a value: `${{ env.X }}` is a reference; `${{
  /// secrets.X }}` / `${{ vars.X }}` is the secret reference of the
  /// assignment whose value it is.
  void ciExpressions(ByteRange value, std::size_t scope,
                     std::optional<std::size_t> owner) {
    std::string_view v = text_.substr(value.offset, value.length);
    for (std::size_t open = v.find("${{"); open != std::string_view::npos;
         open = v.find("${{", open + 3)) {
      std::size_t close = v.find("}}", open);
      if (close == std::string_view::npos)
        break;
      std::string_view expr = v.substr(open, close + 2 - open);
      for (std::string_view ctx : {"secrets.", "vars.", "env."}) {
        auto at = expr.find(ctx);
        if (at == std::string_view::npos ||
            (at > 0 &&
             (std::isalnum(static_cast<unsigned char>(expr[at - 1])) ||
              expr[at - 1] == '.' || expr[at - 1] == '_')))
          continue;
        std::size_t name_at = at + ctx.size(), stop = name_at;
        while (stop < expr.size() &&
               (std::isalnum(static_cast<unsigned char>(expr[stop])) ||
                expr[stop] == '_'))
          ++stop;
        if (stop == name_at)
          continue;
        ByteRange name{value.offset + open + name_at, stop - name_at};
        if (ctx == "env.") {
          out_.addReference(name, scope);
        } else if (owner) {
          out_[*owner].secret_ref = ByteRange{value.offset + open, expr.size()};
          out_[*owner].secret_name = name;
        }
      }
    }
  }

  std::string_view text_;
  EntrySink out_{text_};
};

} // namespace

namespace {
std::vector<Entry> readYaml(TSNode root, std::string_view text) {
  Reader reader(text);
  reader.node(root, 0, {}, 0);
  return reader.take();
}
} // namespace

std::vector<Entry> yamlEntries(std::string_view text) {
  auto tree = ts::Tree::parse(tree_sitter_yaml(), text);
  return tree.ok() ? readYaml(tree.value().root(), text) : std::vector<Entry>{};
}

std::vector<std::string> composeEnvFiles(std::string_view text) {
  auto tree = ts::Tree::parse(tree_sitter_yaml(), text);
  if (!tree.ok())
    return {};
  std::vector<std::string> out;
  auto keep = [&](TSNode value) {
    TSNode scalar = scalarOf(value);
    if (ts_node_is_null(scalar) || nodeType(scalar) == "block_scalar")
      return;
    ByteRange r = innerRange(scalar, text);
    std::string_view path = text.substr(r.offset, r.length);
    if (!path.empty() && path.find('$') == std::string_view::npos)
      out.emplace_back(path);
  };
  auto keyIs = [&](TSNode key, std::string_view name) {
    TSNode s = scalarOf(key);
    if (ts_node_is_null(s))
      return false;
    ByteRange r = innerRange(s, text);
    return text.substr(r.offset, r.length) == name;
  };
  ts::walk(tree.value().root(), [&](const ts::WalkStep &step) {
    std::string_view t = nodeType(step.node);
    if (ts::isErrorNode(step.node))
      return false;
    if ((t != "block_mapping_pair" && t != "flow_pair") ||
        !keyIs(ts::childByField(step.node, "key"), "env_file"))
      return true;
    TSNode value = ts::childByField(step.node, "value");
    keep(value);
    // A list: each item a path, or a mapping whose `path:` is one.
    ts::walk(value, [&](const ts::WalkStep &inner) {
      std::string_view it = nodeType(inner.node);
      if (it == "block_sequence_item") {
        keep(ts::firstNamedChild(inner.node));
      } else if (it == "flow_sequence") {
        for (TSNode item : ts::namedChildren(inner.node))
          keep(item);
      } else if ((it == "block_mapping_pair" || it == "flow_pair") &&
                 keyIs(ts::childByField(inner.node, "key"), "path")) {
        keep(ts::childByField(inner.node, "value"));
      }
      return true;
    });
    return false;
  });
  return out;
}

std::unique_ptr<Format> yamlFormat() {
  return treeFormat(tree_sitter_yaml(), readYaml);
}

} // namespace keyshift::config
