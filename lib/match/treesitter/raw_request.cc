#include "match/treesitter/raw_request.h"

#include "base/ascii_case.h"
#include "match/treesitter/dialect.h"
#include "match/treesitter/scopes.h"

#include <algorithm>
#include <array>

namespace keyshift::ts {
namespace {

/// How far names are followed (`URL = f"{BASE}/x"` is two).
constexpr int kMaxDepth = 4;

/// Nodes a string value passes through unchanged in what it starts with or
/// carries: parentheses, concatenation, f-string/template interpolation.
bool carriesString(const FileContext &file, TSNode parent) {
  return file.dialect.isTransparent(parent) ||
         oneOf(nodeType(parent),
               {"binary_operator", "binary_expression", "interpolation",
                "template_substitution", "string", "template_string",
                "concatenated_string", "await", "await_expression"});
}

/// Containers a value sits in on its way to a call's argument list.
bool isContainer(std::string_view type) {
  return oneOf(type, {"dictionary", "object", "list", "tuple", "array"});
}

/// An entry (`k=v`, `k: v`, `"k": v`) whose value `node` is; its name.
std::optional<std::string> entryOf(const FileContext &file, TSNode entry,
                                   TSNode node) {
  std::string_view t = nodeType(entry);
  if (t != "pair" && t != "keyword_argument")
    return std::nullopt;
  if (!ts_node_eq(childByField(entry, "value"), node))
    return std::nullopt;
  return file.dialect.entryName(entry, file.text).value_or("");
}

/// `name = node` / `const name = node`: the name bound, or a null node.
TSNode boundName(TSNode parent, TSNode node) {
  for (auto [left, right] : {std::pair{"left", "right"}, {"name", "value"}}) {
    TSNode l = childByField(parent, left), r = childByField(parent, right);
    if (!ts_node_is_null(r) && ts_node_eq(r, node) && !ts_node_is_null(l) &&
        nodeType(l) == "identifier")
      return l;
  }
  return TSNode{};
}

/// Whether `name` is bound in a class body (`class Config: KEY = ...`):
/// an attribute other code reads as `Config.KEY` or `self.KEY`, which no
/// reference in the class's own scope shows.
bool inClassBody(const FileContext &file, TSNode name) {
  for (TSNode n = file.parent(name); !ts_node_is_null(n); n = file.parent(n)) {
    std::string_view t = nodeType(n);
    if (oneOf(t, {"class_definition", "class_body"}))
      return true;
    if (oneOf(t, {"function_definition", "lambda", "function_declaration",
                  "function_expression", "arrow_function", "method_definition",
                  "generator_function_declaration"}))
      return false;
  }
  return false;
}

/// What happens to a value at a node keyshift does not follow, in words.
std::string usedIn(std::string_view type) {
  if (type.starts_with("export"))
    return "exported";
  if (oneOf(type, {"return_statement", "arrow_function", "lambda"}))
    return "returned by a function";
  std::string what(type);
  std::replace(what.begin(), what.end(), '_', ' ');
  return "used in an expression keyshift does not follow (" + what + ")";
}

void collectSinks(const FileContext &file, TSNode value, std::string header,
                  int depth, std::vector<ValueSink> &out) {
  const Dialect &d = file.dialect;
  TSNode node = value;
  std::string option;
  for (;;) {
    TSNode parent = file.parent(node);
    if (ts_node_is_null(parent))
      return;
    std::string_view type = nodeType(parent);
    if (carriesString(file, parent) || isContainer(type)) {
      node = parent;
      continue;
    }
    if (auto name = entryOf(file, parent, node)) {
      std::string n = asciiLower(*name);
      if (oneOf(n, {"authorization", "api-key", "x-api-key"}))
        header = *name;
      if (option.empty())
        option = *name;
      node = parent;
      continue;
    }
    if (d.isArgumentList(parent)) {
      TSNode call = file.parent(parent);
      if (d.envRead(call, file)) { // `os.getenv("X", URL)`: its value
        node = call;
        continue;
      }
      out.push_back({call, node, header, "", option});
      return;
    }
    // `URL.format(...)`, `BASE.rstrip("/")`: a string made from it.
    if (auto m = d.member(parent, file.text);
        m && ts_node_eq(m->object, node)) {
      TSNode call = file.parent(parent);
      if (ts_node_eq(d.callee(call), parent)) {
        node = call;
        continue;
      }
    }
    if (oneOf(type, {"jsx_attribute", "jsx_expression"}))
      return; // a link or an attribute: nothing sends a key with it
    if (type == "expression_statement" &&
        ts_node_named_child_count(parent) == 1)
      return; // a docstring or a bare literal
    TSNode name = boundName(parent, node);
    if (ts_node_is_null(name)) {
      out.push_back({TSNode{}, node, header, usedIn(type)});
      return;
    }
    std::string_view text = file.textOf(name);
    bool module_level = false;
    const Binding *b = file.scopes.singleBinding(text, ts_node_start_byte(name),
                                                 &module_level);
    if (!b) {
      out.push_back({TSNode{}, node, header,
                     "assigned to " + std::string(text) +
                         ", which is assigned more than once"});
      return;
    }
    if (depth >= kMaxDepth) {
      out.push_back({TSNode{}, node, header,
                     "passed along through more names than keyshift follows"});
      return;
    }
    std::vector<TSNode> refs = file.scopes.referencesTo(text, *b);
    if (refs.empty() && module_level)
      out.push_back({TSNode{}, name, header,
                     "bound to " + std::string(text) +
                         ", a module-level name other modules may use"});
    else if (refs.empty() && inClassBody(file, name))
      out.push_back({TSNode{}, name, header,
                     "stored as the class attribute " + std::string(text) +
                         ", which code elsewhere may read"});
    for (TSNode r : refs)
      collectSinks(file, r, header, depth + 1, out);
    return;
  }
}

/// The value bound once to the name `expr` is, or `expr` itself.
TSNode throughName(const FileContext &file, TSNode expr) {
  TSNode v = file.dialect.unwrap(expr);
  for (int i = 0; i < kMaxDepth && nodeType(v) == "identifier"; ++i) {
    const Binding *b =
        file.scopes.singleBinding(file.textOf(v), ts_node_start_byte(v));
    if (!b)
      break;
    v = file.dialect.unwrap(b->value);
  }
  return v;
}

/// `f"Bearer {key}"`, `` `Bearer ${key}` ``, `"Bearer " + key`: the key.
TSNode bearerKey(const FileContext &file, TSNode value) {
  const Dialect &d = file.dialect;
  TSNode v = throughName(file, value);
  std::string_view type = nodeType(v);
  if (type == "binary_operator" || type == "binary_expression") {
    TSNode left = d.unwrap(childByField(v, "left"));
    auto s = d.readString(left, file.text);
    if (s && s->simple && asciiLower(s->value).starts_with("bearer"))
      return d.unwrap(childByField(v, "right"));
    return TSNode{};
  }
  auto s = d.readString(v, file.text);
  if (!s || s->pieces.empty())
    return TSNode{};
  std::string_view head =
      file.text.substr(s->pieces[0].offset, s->pieces[0].length);
  if (!asciiLower(head).starts_with("bearer "))
    return TSNode{};
  TSNode found{};
  int holes = 0;
  for (TSNode c : namedChildren(v))
    if (oneOf(nodeType(c), {"interpolation", "template_substitution"})) {
      ++holes;
      found = firstNamedChild(c);
    }
  return holes == 1 ? d.unwrap(found) : TSNode{};
}

/// One-shot request functions: without auth arguments they send nothing.
constexpr std::array<std::string_view, 6> kOneShotModules{
    "requests.",       "httpx.", "aiohttp.request",
    "urllib.request.", "axios",  "node-fetch"};
constexpr std::array<std::string_view, 5> kClientFactories{
    "httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession",
    "requests.Session", "axios.create"};

bool isOneShot(const FileContext &file, TSNode call) {
  TSNode callee = file.dialect.callee(call);
  if (nodeType(callee) == "identifier" && file.textOf(callee) == "fetch" &&
      !file.scopes.binds("fetch"))
    return true;
  auto symbol = file.scopes.resolve(callee);
  if (!symbol)
    return false;
  for (std::string_view f : kClientFactories)
    if (*symbol == f)
      return false;
  for (std::string_view m : kOneShotModules)
    if (symbol->starts_with(m) || *symbol == m.substr(0, m.size() - 1))
      return true;
  return false;
}

/// Looks through a call's arguments (and an options or headers object bound
/// once to a name) for the credential entries.
void scanAuth(const FileContext &file, TSNode node, int depth,
              RequestAuth &auth) {
  const Dialect &d = file.dialect;
  walk(node, [&](WalkStep step) {
    if (auth.state == RequestAuth::State::Unknown || !ts_node_is_null(auth.key))
      return false;
    TSNode n = step.node;
    std::string_view type = nodeType(n);
    if (oneOf(type, {"dictionary_splat", "list_splat", "spread_element"})) {
      auth = {
          RequestAuth::State::Unknown, {}, {}, "options spread from elsewhere"};
      return false;
    }
    if (type == "identifier" && depth < kMaxDepth && d.isReference(step)) {
      TSNode v = throughName(file, n);
      if (isContainer(nodeType(v)))
        scanAuth(file, v, depth + 1, auth);
      return false;
    }
    auto name = d.entryName(n, file.text);
    if (!name)
      return !oneOf(type, {"lambda", "arrow_function", "function_expression"});
    std::string key = asciiLower(*name);
    TSNode value = childByField(n, "value");
    if (key == "authorization") {
      auth.key = bearerKey(file, value);
      if (ts_node_is_null(auth.key))
        auth = {RequestAuth::State::Unknown,
                {},
                {},
                "an Authorization header keyshift cannot read"};
      else
        auth.state = RequestAuth::State::Key;
      auth.entry = n;
      return false;
    }
    if (key == "api-key" || key == "x-api-key") {
      auth.state = RequestAuth::State::Key;
      auth.key = d.unwrap(value);
      auth.entry = n;
      return false;
    }
    if (key == "headers" || key == "auth") {
      TSNode v = ts_node_is_null(value) ? value : throughName(file, value);
      if (ts_node_is_null(v) || !isContainer(nodeType(v))) {
        auth = {RequestAuth::State::Unknown,
                {},
                {},
                *name + " keyshift cannot see (" +
                    std::string(ts_node_is_null(value) ? *name
                                                       : file.textOf(value)) +
                    ")"};
        return false;
      }
      if (!ts_node_eq(v, d.unwrap(value)))
        scanAuth(file, v, depth + 1, auth);
    }
    return true;
  });
}

} // namespace

std::vector<ValueSink> sinksOf(const FileContext &file, TSNode value) {
  std::vector<ValueSink> out;
  collectSinks(file, value, "", 0, out);
  return out;
}

RequestAuth requestAuth(const FileContext &file, TSNode call) {
  RequestAuth auth;
  TSNode args = childByField(call, "arguments");
  if (!ts_node_is_null(args))
    scanAuth(file, args, 0, auth);
  if (auth.state == RequestAuth::State::None && !isOneShot(file, call))
    auth = {RequestAuth::State::Unknown,
            {},
            {},
            "sent through " +
                std::string(file.textOf(file.dialect.callee(call))) +
                ", whose credentials keyshift cannot see"};
  return auth;
}

namespace {

/// Only clients a rule migrates (the key and the URL move together).
bool isClientSymbol(std::string_view s) {
  return s == "openai" || s.starts_with("openai.") ||
         s.starts_with("langchain") || s.starts_with("@langchain/openai.") ||
         s.starts_with("llama_index.") || s == "@ai-sdk/openai.createOpenAI";
}

} // namespace

const std::vector<std::string> &reExportableClients() {
  static const std::vector<std::string> classes{
      "openai.OpenAI",
      "openai.default",
      "openai",
      "@langchain/openai.ChatOpenAI",
      "@langchain/openai.OpenAIEmbeddings",
      "@langchain/openai.OpenAI",
      "@ai-sdk/openai.createOpenAI"};
  return classes;
}

std::optional<std::string> throughLocalModule(const FileContext &file,
                                              TSNode call) {
  auto callee = file.scopes.resolve(file.dialect.callee(call));
  if (!callee || !file.flows ||
      !(callee->starts_with("./") || callee->starts_with("../")))
    return std::nullopt;
  return callee;
}

bool isClientCall(const FileContext &file, TSNode call) {
  auto callee = file.scopes.resolve(file.dialect.callee(call));
  if (!callee)
    return false;
  if (isClientSymbol(*callee))
    return true;
  // A class a module of the repository re-exports: the plan knows (in
  // the index pass it does not yet: keyBlockedByRequest defers).
  if (throughLocalModule(file, call) && !file.flows->indexing())
    return reExportedClass(file.flows->reExported(*callee),
                           reExportableClients()) == ReExportedClass::Yes;
  return false;
}

TSNode requestUrl(const FileContext &file, TSNode call) {
  const Dialect &d = file.dialect;
  TSNode args = childByField(call, "arguments");
  if (ts_node_is_null(args))
    return TSNode{};
  for (TSNode arg : namedChildren(args)) {
    if (oneOf(nodeType(arg), {"comment"}))
      continue;
    if (auto name = d.entryName(arg, file.text)) {
      if (oneOf(*name, {"url", "base_url", "baseURL"}))
        return d.unwrap(childByField(arg, "value"));
      continue;
    }
    TSNode v = throughName(file, arg);
    if (nodeType(v) == "object")
      for (TSNode entry : namedChildren(v))
        if (auto name = d.entryName(entry, file.text);
            name && oneOf(*name, {"url", "baseURL"}))
          return d.unwrap(childByField(entry, "value"));
    return nodeType(v) == "object" ? TSNode{} : d.unwrap(arg);
  }
  return TSNode{};
}

TSNode urlHead(const FileContext &file, TSNode url) {
  const Dialect &d = file.dialect;
  TSNode v = throughName(file, url);
  for (int i = 0; i < kMaxDepth && !ts_node_is_null(v); ++i) {
    std::string_view type = nodeType(v);
    if (type == "binary_operator" || type == "binary_expression") {
      v = throughName(file, childByField(v, "left"));
      continue;
    }
    if (TSNode callee = d.callee(v); !ts_node_is_null(callee)) {
      auto m = d.member(callee, file.text); // `URL.format(...)`
      if (!m)
        return TSNode{};
      v = throughName(file, m->object);
      continue;
    }
    auto s = d.readString(v, file.text);
    if (!s)
      return TSNode{};
    if (!s->pieces.empty() && s->pieces[0].offset == s->contentStart())
      return v;
    // `f"{BASE}/chat"`: the string starts with an interpolation.
    TSNode hole{};
    for (TSNode c : namedChildren(v))
      if (oneOf(nodeType(c), {"interpolation", "template_substitution"})) {
        hole = c;
        break;
      }
    if (ts_node_is_null(hole) || ts_node_start_byte(hole) != s->contentStart())
      return TSNode{};
    v = throughName(file, firstNamedChild(hole));
  }
  return TSNode{};
}

std::string siteOf(const FileContext &file, TSNode node) {
  std::size_t offset = ts_node_start_byte(node);
  std::size_t line =
      1 + static_cast<std::size_t>(
              std::count(file.text.begin(), file.text.begin() + offset, '\n'));
  std::string path(file.path);
  if (auto slash = path.rfind('/'); slash != std::string::npos)
    path = path.substr(slash + 1);
  return path + ":" + std::to_string(line);
}

} // namespace keyshift::ts
