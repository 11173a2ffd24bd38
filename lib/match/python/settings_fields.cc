// pydantic settings classes: a `BaseSettings` subclass fills each field
// from the environment by itself (`openai_api_key: str = ""` reads
// OPENAI_API_KEY), so no code names the variable, yet the field is a read
// of it. The repository plan must see it, or a `.env` entry is renamed
// while a client given `settings.openai_api_key` stays on OpenAI.
#include "match/python/python_dialect.h"
#include "match/treesitter/file_context.h"
#include "match/treesitter/scopes.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace keyshift::python {
namespace {

using ts::childByField;
using ts::FileContext;
using ts::namedChildren;

bool isSettingsBase(std::string_view symbol) {
  return ts::oneOf(symbol, {"pydantic_settings.BaseSettings",
                            "pydantic_settings.main.BaseSettings",
                            "pydantic.BaseSettings", "pydantic.v1.BaseSettings",
                            "pydantic.env_settings.BaseSettings"});
}

/// How a settings class names the variables of its fields.
struct Naming {
  std::string prefix;
  bool case_sensitive = false;
  bool unknown = false; ///< a prefix keyshift cannot read
};

std::optional<std::string> literal(const FileContext &file, TSNode node) {
  auto s = file.dialect.readString(file.dialect.unwrap(node), file.text);
  if (!s || !s->simple || s->bytes || s->formatted)
    return std::nullopt;
  return s->value;
}

/// `env_prefix="APP_"`, `case_sensitive=True` in any of their spellings:
/// a keyword argument or a dict entry (`name` is its key, `value` its
/// value).
void readSetting(const FileContext &file, std::string_view name, TSNode value,
                 Naming &n) {
  if (name == "env_prefix") {
    auto s = literal(file, value);
    n.unknown = !s;
    n.prefix = s.value_or("");
  } else if (name == "case_sensitive") {
    n.case_sensitive = file.textOf(value) == "True";
  }
}

/// `model_config = SettingsConfigDict(...)` / `{...}`, `class Config:`
/// (pydantic v1), and the class's own keywords (`class S(BaseSettings,
/// env_prefix="X_")`).
void readConfig(const FileContext &file, TSNode cls, Naming &n) {
  for (TSNode arg : namedChildren(childByField(cls, "superclasses")))
    if (ts::nodeType(arg) == "keyword_argument")
      readSetting(file, file.textOf(childByField(arg, "name")),
                  childByField(arg, "value"), n);
  for (TSNode stmt : namedChildren(childByField(cls, "body"))) {
    if (ts::nodeType(stmt) == "class_definition" &&
        file.textOf(childByField(stmt, "name")) == "Config") {
      for (TSNode inner : namedChildren(childByField(stmt, "body"))) {
        ts::Assignment a = file.dialect.assignment(ts::firstNamedChild(inner));
        if (!ts_node_is_null(a.left) && !ts_node_is_null(a.right))
          readSetting(file, file.textOf(a.left), a.right, n);
      }
      continue;
    }
    ts::Assignment a = file.dialect.assignment(ts::firstNamedChild(stmt));
    if (ts_node_is_null(a.left) || file.textOf(a.left) != "model_config" ||
        ts_node_is_null(a.right))
      continue;
    TSNode v = file.dialect.unwrap(a.right);
    TSNode entries =
        ts::nodeType(v) == "call" ? childByField(v, "arguments") : v;
    for (TSNode e : namedChildren(entries)) {
      if (ts::nodeType(e) == "keyword_argument")
        readSetting(file, file.textOf(childByField(e, "name")),
                    childByField(e, "value"), n);
      else if (ts::nodeType(e) == "pair")
        if (auto key = literal(file, childByField(e, "key")))
          readSetting(file, *key, childByField(e, "value"), n);
    }
  }
}

/// The names `Field(alias=..., validation_alias=..., env=...)` gives the
/// field's variable: literals, `AliasChoices("A", "B")`, v1's `env=["A",
/// "B"]`. `*unreadable` when one is there but is not a literal.
std::vector<std::string> aliases(const FileContext &file, TSNode value,
                                 bool *unreadable) {
  std::vector<std::string> out;
  TSNode v = file.dialect.unwrap(value);
  if (ts_node_is_null(v) || ts::nodeType(v) != "call")
    return out;
  auto callee = file.scopes.resolve(childByField(v, "function"));
  if (!callee || !ts::oneOf(*callee, {"pydantic.Field", "pydantic.fields.Field",
                                      "pydantic.v1.Field"}))
    return out;
  // validation_alias wins over alias (v2); env is v1's.
  std::map<std::string, TSNode> given;
  for (TSNode arg : namedChildren(childByField(v, "arguments")))
    if (ts::nodeType(arg) == "keyword_argument")
      given[std::string(file.textOf(childByField(arg, "name")))] =
          childByField(arg, "value");
  for (const char *key : {"validation_alias", "env", "alias"}) {
    auto it = given.find(key);
    if (it == given.end())
      continue;
    TSNode a = file.dialect.unwrap(it->second);
    std::vector<TSNode> names{a};
    if (ts::oneOf(ts::nodeType(a), {"list", "tuple", "set"}))
      names = namedChildren(a);
    else if (ts::nodeType(a) == "call")
      names = namedChildren(childByField(a, "arguments")); // AliasChoices
    for (TSNode n : names) {
      if (auto s = literal(file, n))
        out.push_back(*s);
      else
        *unreadable = true;
    }
    break;
  }
  return out;
}

std::string upper(std::string s) {
  for (char &c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

} // namespace

std::vector<ts::SettingsField>
PythonDialect::settingsFields(const FileContext &file) const {
  std::vector<ts::SettingsField> out;
  // Classes of this module that are settings classes, with their naming
  // (a subclass keeps its base's unless it sets its own).
  std::map<std::string, Naming, std::less<>> settings;
  for (TSNode stmt : namedChildren(file.root)) {
    TSNode cls = stmt;
    if (ts::nodeType(cls) == "decorated_definition")
      cls = childByField(cls, "definition");
    if (ts::nodeType(cls) != "class_definition")
      continue;
    std::optional<Naming> naming;
    for (TSNode base : namedChildren(childByField(cls, "superclasses"))) {
      if (ts::nodeType(base) == "keyword_argument")
        continue;
      if (auto own = settings.find(file.textOf(base)); own != settings.end())
        naming = own->second;
      else if (auto symbol = file.scopes.resolve(base);
               symbol && isSettingsBase(*symbol))
        naming = Naming{};
    }
    if (!naming)
      continue;
    readConfig(file, cls, *naming);
    std::string cls_name(file.textOf(childByField(cls, "name")));
    settings[cls_name] = *naming;
    for (TSNode s : namedChildren(childByField(cls, "body"))) {
      TSNode a = ts::firstNamedChild(s);
      if (ts::nodeType(s) != "expression_statement" ||
          ts::nodeType(a) != "assignment")
        continue;
      TSNode left = childByField(a, "left"), type = childByField(a, "type");
      std::string_view name = file.textOf(left);
      if (ts::nodeType(left) != "identifier" || ts_node_is_null(type) ||
          name.starts_with('_') || name == "model_config" ||
          file.textOf(type).starts_with("ClassVar"))
        continue;
      bool unreadable = false;
      std::vector<std::string> envs =
          aliases(file, childByField(a, "right"), &unreadable);
      if (envs.empty() && !unreadable && !naming->unknown)
        envs.push_back(naming->prefix + std::string(name));
      if (!naming->case_sensitive)
        for (std::string &e : envs)
          e = upper(std::move(e));
      std::sort(envs.begin(), envs.end());
      envs.erase(std::unique(envs.begin(), envs.end()), envs.end());
      out.push_back({a, cls_name, std::string(name), std::move(envs)});
    }
  }
  return out;
}

} // namespace keyshift::python
