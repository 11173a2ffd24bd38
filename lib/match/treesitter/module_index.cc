#include "match/treesitter/module_index.h"

#include "match/treesitter/scopes.h"
#include "secrets/key_classifier.h"

namespace keyshift::ts {
namespace {

/// The outermost member chain `node` is the base of: `settings` in
/// `settings.OPENAI_API_KEY.strip` gives the whole chain.
TSNode chainOf(const FileContext &file, TSNode node) {
  for (;;) {
    TSNode parent = file.parent(node);
    if (ts_node_is_null(parent))
      return node;
    auto m = file.dialect.member(parent, file.text);
    if (!m || !ts_node_eq(m->object, node))
      return node;
    node = parent;
  }
}

/// The base identifier of a member chain, or a null node.
TSNode chainBase(const FileContext &file, TSNode expr) {
  for (TSNode n = file.dialect.unwrap(expr); !ts_node_is_null(n);) {
    if (isNameReference(n))
      return n;
    auto m = file.dialect.member(n, file.text);
    if (!m)
      return TSNode{};
    n = file.dialect.unwrap(m->object);
  }
  return TSNode{};
}

/// `settings.KEY` through the imports, or `@KEY.x` for this module's own
/// binding to an environment read.
std::optional<std::string> symbolOf(const FileContext &file, TSNode expr) {
  TSNode base = chainBase(file, expr);
  if (ts_node_is_null(base))
    return std::nullopt;
  // This module's own binding to an environment read first: JS scopes
  // resolve `const apiKey = process.env.K` to the read's text, which names
  // no module (and no plan could trace).
  std::string_view name = file.textOf(base);
  if (!moduleEnvBinding(file, name, ts_node_start_byte(base))) {
    auto resolved = file.scopes.resolve(expr);
    if (!resolved || resolved->find('.') == std::string::npos)
      return std::nullopt;
    return resolved;
  }
  std::string out = "@" + std::string(file.textOf(expr));
  // `KEY.strip()` is a use of KEY: keep the dotted spelling only.
  return out.find_first_of(" \t\r\n()[]") == std::string::npos
             ? std::optional<std::string>(out)
             : std::nullopt;
}

/// The literal a module-level environment read falls back to:
/// `os.getenv("M", "x")`, `os.environ.get("M", default="x")`,
/// `os.getenv("M") or "x"`, `process.env.M ?? "x"`.
std::optional<StringLiteral> envDefault(const FileContext &file, TSNode value) {
  const Dialect &d = file.dialect;
  TSNode v = d.unwrap(value);
  TSNode fallback = d.splitFallback(v, file.text).fallback;
  if (ts_node_is_null(fallback) && nodeType(v) == "call") {
    std::vector<TSNode> args;
    for (TSNode arg : namedChildren(childByField(v, "arguments"))) {
      if (nodeType(arg) == "comment")
        continue;
      if (nodeType(arg) == "keyword_argument" &&
          file.textOf(childByField(arg, "name")) == "default")
        fallback = childByField(arg, "value");
      else
        args.push_back(arg);
    }
    if (ts_node_is_null(fallback) && args.size() == 2)
      fallback = args[1];
  }
  if (ts_node_is_null(fallback))
    return std::nullopt;
  auto lit = d.readString(d.unwrap(fallback), file.text);
  if (!lit || !lit->simple || lit->bytes || lit->formatted ||
      lit->pieces.size() != 1 || secrets::classifyKey(lit->value))
    return std::nullopt;
  return lit;
}

} // namespace

TSNode withoutLiteralFallback(const FileContext &file, TSNode value) {
  const Dialect &d = file.dialect;
  Fallback fb = d.splitFallback(value, file.text);
  if (ts_node_is_null(fb.fallback))
    return value;
  auto literal = d.readString(d.unwrap(fb.fallback), file.text);
  if (!literal || !literal->simple || secrets::classifyKey(literal->value))
    return value;
  return d.unwrap(fb.primary);
}

std::optional<EnvRead> moduleEnvBinding(const FileContext &file,
                                        std::string_view name,
                                        std::size_t offset) {
  const Binding *b = file.scopes.moduleBinding(name, offset);
  if (!b)
    return std::nullopt;
  TSNode v = withoutLiteralFallback(file, file.dialect.unwrap(b->value));
  return file.dialect.envRead(v, file);
}

std::optional<std::string> keySymbol(const FileContext &file, TSNode value) {
  TSNode v = withoutLiteralFallback(file, file.dialect.unwrap(value));
  if (ts_node_is_null(chainBase(file, v)))
    return std::nullopt;
  return symbolOf(file, v);
}

ModuleFacts indexModule(const FileContext &file) {
  ModuleFacts facts;
  const Dialect &d = file.dialect;
  for (TSNode stmt : namedChildren(file.root)) {
    Assignment a = d.assignment(stmt);
    if (ts_node_is_null(a.left))
      a = d.assignment(firstNamedChild(stmt)); // Python's expression_statement
    if (ts_node_is_null(a.left) || nodeType(a.left) != "identifier")
      continue;
    std::string name(file.textOf(a.left));
    auto env = moduleEnvBinding(file, name, ts_node_start_byte(a.left));
    if (!env)
      continue;
    facts.bindings.push_back({name, env->name, ts_node_start_byte(a.right)});
    if (auto lit = envDefault(file, a.right))
      facts.env_values.push_back({env->name, lit->value, lit->pieces[0], name});
  }
  walk(file.root, [&](WalkStep step) {
    std::string_view type = nodeType(step.node);
    if (type == "import_statement" || type == "import_from_statement")
      return false;
    // An assignment's target is written, not read.
    if (!d.isReference(step) || step.field == "left")
      return true;
    if (auto symbol = symbolOf(file, chainOf(file, step.node)))
      facts.uses.push_back({*symbol, ts_node_start_byte(step.node)});
    return true;
  });
  return facts;
}

} // namespace keyshift::ts
