#include "match/treesitter/module_index.h"

#include "match/treesitter/name_constant.h"
#include "match/treesitter/scopes.h"
#include "secrets/key_classifier.h"

#include <algorithm>

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
  std::string_view path = file.textOf(expr);
  if (!moduleEnvBinding(file, name, ts_node_start_byte(base)) &&
      !moduleEnvPath(file, path, ts_node_start_byte(base))) {
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

/// A value the index records: `name` (dotted into object literals) holds
/// the read of `env` at `read_at`, inside the module-level value `holder`.
struct Held {
  std::string name;
  std::string env;
  std::size_t read_at = 0;
  TSNode holder{};
  bool exported = false;
};

constexpr int kMaxNesting = 6;

/// Every read `value` holds, through object literals and module-level
/// names, under `prefix` and the entries' keys.
struct HeldReads {
  std::vector<Held> held;
  /// Where a name is read on the way (`{ apiKey: openaiKey }`): a use the
  /// index follows itself, not one of a module's name keyshift misses.
  std::vector<std::size_t> through;
};

void flatten(const FileContext &file, const std::string &prefix, TSNode value,
             const Dialect::ModuleValue &holder, int depth, HeldReads &out) {
  const Dialect &d = file.dialect;
  TSNode v = withoutLiteralFallback(file, d.unwrap(value));
  if (ts_node_is_null(v) || depth > kMaxNesting)
    return;
  if (auto env = d.envRead(v, file)) {
    if (!prefix.empty())
      out.held.push_back({prefix, env->name, ts_node_start_byte(v),
                          holder.value, holder.exported});
    return;
  }
  auto join = [&](std::string_view key) {
    return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
  };
  std::string_view type = nodeType(v);
  if (type == "identifier" || type == "shorthand_property_identifier") {
    const Binding *b =
        file.scopes.moduleBinding(file.textOf(v), ts_node_start_byte(v));
    if (b && !ts_node_is_null(b->value)) {
      out.through.push_back(ts_node_start_byte(v));
      flatten(file, prefix, b->value, holder, depth + 1, out);
    }
    return;
  }
  if (type != "object")
    return;
  for (TSNode entry : namedChildren(v)) {
    if (nodeType(entry) == "shorthand_property_identifier")
      flatten(file, join(file.textOf(entry)), entry, holder, depth + 1, out);
    else if (auto key = d.entryName(entry, file.text))
      flatten(file, join(*key), childByField(entry, "value"), holder, depth + 1,
              out);
  }
}

/// What the dialect says the module binds, flattened to reads.
HeldReads heldReads(const FileContext &file) {
  HeldReads out;
  for (const Dialect::ModuleValue &mv : file.dialect.moduleValues(file))
    flatten(file, mv.name, mv.value, mv, 0, out);
  return out;
}

} // namespace

std::optional<EnvRead> moduleEnvPath(const FileContext &file,
                                     std::string_view path,
                                     std::size_t offset) {
  const Dialect &d = file.dialect;
  std::size_t dot = path.find('.');
  const Binding *b = file.scopes.moduleBinding(path.substr(0, dot), offset);
  if (!b || ts_node_is_null(b->value))
    return std::nullopt;
  TSNode v = b->value;
  for (int depth = 0; depth <= kMaxNesting; ++depth) {
    v = withoutLiteralFallback(file, d.unwrap(v));
    if (auto env = d.envRead(v, file))
      return env; // `KEY.strip`: a use of the read
    if (dot == std::string_view::npos)
      return std::nullopt;
    std::size_t next = path.find('.', dot + 1);
    std::string_view key = path.substr(dot + 1, next - dot - 1);
    dot = next;
    if (nodeType(v) == "identifier") {
      const Binding *named =
          file.scopes.moduleBinding(file.textOf(v), ts_node_start_byte(v));
      if (!named || ts_node_is_null(named->value))
        return std::nullopt;
      v = d.unwrap(named->value);
    }
    if (nodeType(v) != "object")
      return std::nullopt;
    TSNode found{};
    for (TSNode entry : namedChildren(v)) {
      if (nodeType(entry) == "shorthand_property_identifier" &&
          file.textOf(entry) == key) {
        const Binding *named =
            file.scopes.moduleBinding(key, ts_node_start_byte(entry));
        found = named ? named->value : TSNode{};
      } else if (d.entryName(entry, file.text) ==
                 std::optional(std::string(key))) {
        found = childByField(entry, "value");
      }
    }
    if (ts_node_is_null(found))
      return std::nullopt;
    v = found;
  }
  return std::nullopt;
}

bool indexedUnder(const FileContext &file, TSNode read, TSNode holder) {
  std::size_t at = ts_node_start_byte(read);
  ByteRange h = nodeRange(holder);
  const Binding *named =
      nodeType(holder) == "identifier"
          ? file.scopes.moduleBinding(file.textOf(holder),
                                      ts_node_start_byte(holder))
          : nullptr;
  for (const Held &held : heldReads(file).held) {
    if (held.read_at != at)
      continue;
    if (named ? ts_node_eq(named->value, held.holder)
              : h.contains(ts_node_start_byte(held.holder)) ||
                    ts_node_eq(holder, held.holder))
      return true;
  }
  return false;
}

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
    if (!env) {
      // A name constant read here only by name: other modules that import
      // it are the plan's to weigh.
      if (auto c = nameConstantOf(file, d.unwrap(a.right)); c && c->followed())
        facts.bindings.push_back(
            {name, c->literal.value, c->literal.range.offset, false, "", true});
      continue;
    }
    facts.bindings.push_back({name, env->name, ts_node_start_byte(a.right)});
    if (auto lit = envDefault(file, a.right))
      facts.env_values.push_back({env->name, lit->value, lit->pieces[0], name});
  }
  // A settings class's fields, and the same through its module-level
  // instances (`settings = Settings()`): `settings.openai_api_key` is a
  // read of OPENAI_API_KEY that no code spells. Only OpenAI variables: the
  // others' fields (`debug`, `model`) would only widen the index.
  std::vector<SettingsField> fields = d.settingsFields(file);
  auto implicitBindings = [&](const std::string &holder, std::string_view cls) {
    for (const SettingsField &f : fields)
      if (f.cls == cls)
        for (const std::string &env : f.envs)
          if (env.find("OPENAI") != std::string::npos)
            facts.bindings.push_back({holder + "." + f.name, env,
                                      ts_node_start_byte(f.node), false,
                                      "a pydantic settings field of " + f.cls});
  };
  for (const SettingsField &f : fields)
    if (&f == &fields.front() || f.cls != (&f - 1)->cls)
      implicitBindings(f.cls, f.cls);
  if (!fields.empty())
    for (TSNode stmt : namedChildren(file.root)) {
      Assignment a = d.assignment(firstNamedChild(stmt));
      TSNode call = ts_node_is_null(a.right) ? TSNode{} : d.unwrap(a.right);
      if (ts_node_is_null(a.left) || nodeType(a.left) != "identifier" ||
          ts_node_is_null(call) || nodeType(call) != "call")
        continue;
      implicitBindings(std::string(file.textOf(a.left)),
                       file.textOf(childByField(call, "function")));
    }
  facts.reexports = d.reExports(file);
  HeldReads held = heldReads(file);
  for (Held &h : held.held) {
    // `const M = process.env.X ?? "gpt-4o"`: the default a model flow
    // renames (Python's module assignments are read above).
    if (h.name.find('.') == std::string::npos && !ts_node_is_null(h.holder))
      if (auto lit = envDefault(file, h.holder))
        facts.env_values.push_back({h.env, lit->value, lit->pieces[0], h.name});
    facts.bindings.push_back(
        {std::move(h.name), std::move(h.env), h.read_at, h.exported});
  }
  walk(file.root, [&](WalkStep step) {
    std::string_view type = nodeType(step.node);
    // Imports bind; `export { a as b }` names what moduleValues() records.
    // A declaration's name (`const { a: b } = ...`, `def f`) binds.
    if (type == "import_statement" || type == "import_from_statement" ||
        type == "export_clause" || step.field == "name")
      return false;
    // An assignment's target is written, not read.
    if (!d.isReference(step) || step.field == "left")
      return true;
    std::size_t at = ts_node_start_byte(step.node);
    if (std::find(held.through.begin(), held.through.end(), at) !=
        held.through.end())
      return true;
    if (auto symbol = symbolOf(file, chainOf(file, step.node)))
      facts.uses.push_back({*symbol, at});
    return true;
  });
  return facts;
}

} // namespace keyshift::ts
