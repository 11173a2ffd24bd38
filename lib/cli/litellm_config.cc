#include "cli/litellm_config.h"

#include "match/treesitter/tree.h"

#include <algorithm>
#include <fstream>
#include <sstream>

extern "C" const TSLanguage *tree_sitter_yaml(void);

namespace keyshift::cli {
namespace {

/// A scalar's text under a flow_node/block_node, quotes dropped; "" when
/// the node holds no plain or quoted scalar.
std::string scalarText(TSNode node, std::string_view text) {
  while (
      !ts_node_is_null(node) && ts_node_named_child_count(node) > 0 &&
      (ts::nodeType(node) == "flow_node" || ts::nodeType(node) == "block_node"))
    node = ts_node_named_child(node, ts_node_named_child_count(node) - 1);
  if (ts_node_is_null(node))
    return "";
  std::string_view type = ts::nodeType(node);
  std::string_view s = ts::nodeText(node, text);
  if ((type == "double_quote_scalar" || type == "single_quote_scalar") &&
      s.size() >= 2)
    return std::string(s.substr(1, s.size() - 2));
  return type == "plain_scalar" ? std::string(s) : "";
}

} // namespace

Result<std::vector<std::string>> parseLitellmServed(std::string_view text,
                                                    const std::string &path) {
  auto tree = ts::Tree::parse(tree_sitter_yaml(), text);
  if (!tree.ok())
    return makeError(ErrorCode::Config, path + ": " + tree.error().message);
  if (ts_node_has_error(tree->root()))
    return makeError(ErrorCode::Config,
                     path + ": not valid YAML (--litellm-config)");
  // Every `model_name:` scalar is an entry of model_list: LiteLLM uses the
  // key nowhere else in a proxy config.
  std::vector<std::string> served;
  ts::walk(tree->root(), [&](const ts::WalkStep &step) {
    TSNode n = step.node;
    std::string_view t = ts::nodeType(n);
    if (t != "block_mapping_pair" && t != "flow_pair")
      return true;
    if (scalarText(ts::childByField(n, "key"), text) != "model_name")
      return true;
    std::string name = scalarText(ts::childByField(n, "value"), text);
    if (!name.empty() &&
        std::find(served.begin(), served.end(), name) == served.end())
      served.push_back(name);
    return true;
  });
  if (served.empty())
    return makeError(ErrorCode::Config,
                     path + ": no model_list[].model_name entries: "
                            "--litellm-config takes a LiteLLM proxy "
                            "config.yaml (model_list: - model_name: ...)");
  return served;
}

Result<std::vector<std::string>> readLitellmServed(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return makeError(ErrorCode::Config,
                     path +
                         ": cannot read the LiteLLM config (--litellm-config)");
  std::ostringstream text;
  text << in.rdbuf();
  return parseLitellmServed(text.str(), path);
}

} // namespace keyshift::cli
