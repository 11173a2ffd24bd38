#include "match/treesitter/scopes.h"

#include "match/treesitter/dialect.h"

#include <algorithm>

namespace keyshift::ts {

void ScopeBuilder::open(TSNode node, ScopeKind kind) {
  Scopes::Scope scope;
  scope.kind = kind;
  scope.node = node;
  scope.parent = stack_.back();
  int id = static_cast<int>(scopes_.scopes_.size());
  scopes_.scopes_.push_back(std::move(scope));
  stack_.push_back(id);
  scopes_.breaks_.emplace_back(ts_node_start_byte(node), id);
}

void ScopeBuilder::bind(std::string name, Binding b, Where where) {
  int target = stack_.back();
  if (where == Where::Function)
    while (scopes_.scopes_[target].kind != ScopeKind::Function &&
           scopes_.scopes_[target].kind != ScopeKind::Module)
      target = scopes_.scopes_[target].parent;
  scopes_.bindings_.push_back(std::move(b));
  scopes_.scopes_[target].names[std::move(name)].push_back(
      scopes_.bindings_.size() - 1);
}

void ScopeBuilder::bindLocal(TSNode name, TSNode value, Where where) {
  if (ts_node_is_null(name))
    return;
  bindLocal(std::string(nodeText(name, text_)), nodeRange(name), value, where);
}

void ScopeBuilder::bindLocal(std::string name, ByteRange at, TSNode value,
                             Where where) {
  Binding b;
  b.kind = Binding::Kind::Local;
  b.at = at;
  b.value = value;
  bind(std::move(name), std::move(b), where);
}

void ScopeBuilder::bindImport(std::string name, ByteRange at,
                              std::string target, bool via_require,
                              Where where) {
  Binding b;
  b.kind = Binding::Kind::Import;
  b.target = std::move(target);
  b.at = at;
  b.via_require = via_require;
  bind(std::move(name), std::move(b), where);
}

void ScopeBuilder::bindAlias(TSNode name, TSNode value, Where where) {
  bindLocal(name, value, where);
  if (!ts_node_is_null(name))
    scopes_.bindings_.back().alias = true;
}

void ScopeBuilder::bindPattern(TSNode pattern, TSNode value, Where where,
                               bool (*is_name)(TSNode),
                               std::vector<TSNode> (*parts)(TSNode)) {
  if (is_name(pattern)) {
    bindLocal(pattern, value, where);
    return;
  }
  std::vector<TSNode> stack{pattern};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    if (is_name(n))
      bindLocal(n, TSNode{}, where);
    else
      for (TSNode part : parts(n))
        if (!ts_node_is_null(part))
          stack.push_back(part);
  }
}

void ScopeBuilder::declareGlobal(std::string name) {
  scopes_.scopes_[stack_.back()].globals.push_back(std::move(name));
}

void ScopeBuilder::declareNonlocal(std::string name) {
  scopes_.scopes_[stack_.back()].nonlocals.push_back(std::move(name));
}

void ScopeBuilder::addWildcard(std::string module) {
  scopes_.wildcards_.push_back(std::move(module));
}

bool ScopeBuilder::atModuleLevel() const { return stack_.size() == 1; }

Scopes Scopes::build(const Dialect &dialect, TSNode root,
                     std::string_view text) {
  Scopes scopes(dialect, text);
  Scope module;
  module.node = root;
  scopes.scopes_.push_back(std::move(module));
  scopes.breaks_.emplace_back(0, 0);
  ScopeBuilder builder(scopes, text);
  builder.stack_.push_back(0);
  walk(
      root,
      [&](WalkStep step) {
        dialect.declare(step, builder);
        return true;
      },
      [&](TSNode node) {
        if (builder.stack_.size() > 1 &&
            scopes.scopes_[builder.stack_.back()].node.id == node.id) {
          builder.stack_.pop_back();
          scopes.breaks_.emplace_back(ts_node_end_byte(node),
                                      builder.stack_.back());
        }
      });
  scopes.applyDeclarations();
  return scopes;
}

void Scopes::applyDeclarations() {
  auto move = [&](int from, int to, const std::string &name) {
    auto it = scopes_[from].names.find(name);
    if (it == scopes_[from].names.end() || from == to)
      return;
    auto &dest = scopes_[to].names[name];
    dest.insert(dest.end(), it->second.begin(), it->second.end());
    scopes_[from].names.erase(it);
  };
  for (std::size_t s = 0; s < scopes_.size(); ++s) {
    for (const std::string &name : scopes_[s].globals)
      move(static_cast<int>(s), 0, name);
    for (const std::string &name : scopes_[s].nonlocals) {
      // The nearest enclosing function that binds it (classes do not
      // count); else the nearest function at all.
      int target = -1, nearest = -1;
      for (int p = scopes_[s].parent; p >= 0; p = scopes_[p].parent) {
        if (scopes_[p].kind != ScopeKind::Function)
          continue;
        if (nearest < 0)
          nearest = p;
        if (scopes_[p].names.count(name)) {
          target = p;
          break;
        }
      }
      if (target < 0)
        target = nearest;
      if (target >= 0)
        move(static_cast<int>(s), target, name);
    }
  }
  // `const require = createRequire(...)`: what that loads is not known.
  if (binds("require"))
    for (Binding &b : bindings_)
      if (b.via_require) {
        b.kind = Binding::Kind::Local;
        b.target.clear();
      }
}

int Scopes::scopeAt(std::size_t offset) const {
  auto it =
      std::upper_bound(breaks_.begin(), breaks_.end(), offset,
                       [](std::size_t o, const std::pair<std::size_t, int> &b) {
                         return o < b.first;
                       });
  return it == breaks_.begin() ? 0 : std::prev(it)->second;
}

int Scopes::bindingScope(std::string_view name, std::size_t offset) const {
  bool innermost = true;
  for (int s = scopeAt(offset); s >= 0; s = scopes_[s].parent) {
    // A class body's names are not visible from the functions inside it.
    bool visible = innermost || scopes_[s].kind != ScopeKind::Class;
    innermost = false;
    if (visible && scopes_[s].names.count(name))
      return s;
  }
  return -1;
}

std::optional<std::string> Scopes::decide(const Scope &scope,
                                          std::string_view name) const {
  auto it = scope.names.find(name);
  const std::string *target = nullptr;
  for (std::size_t i : it->second) {
    const Binding &b = bindings_[i];
    if (b.kind != Binding::Kind::Import)
      return std::nullopt;
    if (target && *target != b.target)
      return std::nullopt;
    target = &b.target;
  }
  return *target;
}

std::optional<std::string> Scopes::resolveName(std::string_view name,
                                               std::size_t offset) const {
  int s = bindingScope(name, offset);
  if (s < 0)
    return dialect_->global(name, *this);
  return decide(scopes_[s], name);
}

std::optional<std::string> Scopes::resolve(TSNode expr) const {
  return resolve(expr, 0);
}

std::optional<std::string> Scopes::resolve(TSNode expr, int depth) const {
  constexpr int kMaxAliases = 4;       // `const a = b; const b = a;` ends
  std::vector<std::string> properties; // outermost first
  std::optional<std::string> base;
  for (TSNode n = expr;;) {
    if (ts_node_is_null(n))
      return std::nullopt;
    n = dialect_->unwrap(n);
    if (isNameReference(n)) {
      std::string_view name = nodeText(n, text_);
      base = resolveName(name, ts_node_start_byte(n));
      const Binding *b =
          base ? nullptr : singleBinding(name, ts_node_start_byte(n));
      if (b && b->alias && depth < kMaxAliases)
        base = resolve(b->value, depth + 1);
      break;
    }
    if (auto m = dialect_->member(n, text_)) {
      properties.push_back(std::move(m->property));
      n = m->object;
      continue;
    }
    base = dialect_->special(n, *this, text_);
    break;
  }
  if (!base)
    return std::nullopt;
  std::string out = std::move(*base);
  for (auto it = properties.rbegin(); it != properties.rend(); ++it)
    out += "." + *it;
  return out;
}

std::optional<std::string> Scopes::moduleAlias(std::string_view target) const {
  for (const auto &[name, indices] : scopes_[0].names) {
    auto everywhere = [&, &name = name](auto &&pred) {
      for (const Scope &s : scopes_) {
        auto it = s.names.find(name);
        if (it == s.names.end())
          continue;
        for (std::size_t i : it->second)
          if (!pred(bindings_[i]))
            return false;
      }
      return true;
    };
    bool imports_target = everywhere([&](const Binding &b) {
      return b.kind == Binding::Kind::Import && b.target == target;
    });
    if (imports_target)
      return name;
  }
  return std::nullopt;
}

bool Scopes::binds(std::string_view name) const {
  return std::any_of(scopes_.begin(), scopes_.end(),
                     [&](const Scope &s) { return s.names.count(name) > 0; });
}

const Binding *Scopes::soleUse(TSNode reference) const {
  std::string_view name = nodeText(reference, text_);
  const Binding *single =
      singleBinding(name, ts_node_start_byte(reference), nullptr);
  if (!single)
    return nullptr;
  const Binding &b = *single;
  const int s = bindingScope(name, ts_node_start_byte(reference));
  std::size_t uses = 0;
  walk(scopes_[s].node, [&](WalkStep step) {
    if (dialect_->isReference(step) && nodeText(step.node, text_) == name &&
        !(nodeRange(step.node) == b.at) &&
        bindingScope(name, ts_node_start_byte(step.node)) == s)
      ++uses;
    return uses <= 1;
  });
  return uses == 1 ? &b : nullptr;
}

const Binding *Scopes::moduleBinding(std::string_view name,
                                     std::size_t offset) const {
  bool module_level = false;
  const Binding *b = singleBinding(name, offset, &module_level);
  return module_level ? b : nullptr;
}

const Binding *Scopes::singleBinding(std::string_view name, std::size_t offset,
                                     bool *module_level) const {
  int s = bindingScope(name, offset);
  if (s < 0)
    return nullptr;
  const auto &indices = scopes_[s].names.find(name)->second;
  if (indices.size() != 1)
    return nullptr;
  const Binding &b = bindings_[indices.front()];
  if (b.kind != Binding::Kind::Local || ts_node_is_null(b.value))
    return nullptr;
  if (module_level)
    *module_level = scopes_[s].kind == ScopeKind::Module;
  return &b;
}

std::vector<TSNode> Scopes::referencesTo(std::string_view name,
                                         const Binding &b) const {
  std::vector<TSNode> out;
  int s = bindingScope(name, b.at.offset);
  if (s < 0)
    return out;
  walk(scopes_[s].node, [&](WalkStep step) {
    if (dialect_->isReference(step) && nodeText(step.node, text_) == name &&
        !(nodeRange(step.node) == b.at) &&
        bindingScope(name, ts_node_start_byte(step.node)) == s)
      out.push_back(step.node);
    return true;
  });
  return out;
}

} // namespace keyshift::ts
