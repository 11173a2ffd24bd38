// insert-after-statement: module-level configuration of the pre-client SDK.
//   openai.api_key = os.environ["OPENAI_API_KEY"]
//   openai.base_url = "B"           <- inserted, same indentation
// The statement's own value must be a key that goes to the proxy too (an
// OPENAI_API_KEY read or a literal key, rewritten in the same change
// group), or it is reported: a base URL next to an unknown key could send
// an OpenAI key to the proxy.
// The template names the pieces: ${@capture} is a capture's text,
// ${base_url} the URL expression, ${base_url_attr} `base_url`, or
// `api_base` in files that use the pre-1.0 API. Nothing is inserted when
// the file already sets a base URL on the module: that assignment is
// either the proxy already or an OpenAI literal rewritten here, with the
// key.
#include "match/treesitter/actions/action.h"
#include "match/treesitter/layout.h"
#include "match/url_prefix.h"

#include <array>
#include <vector>

namespace keyshift::ts {
namespace {

/// Attributes only the pre-1.0 SDK has.
constexpr std::array<std::string_view, 5> kLegacyApi{
    "openai.ChatCompletion", "openai.Completion", "openai.Embedding",
    "openai.api_base", "openai.error"};

/// One walk over the file, resolving names through its scopes so
/// `import openai as oa; oa.ChatCompletion` counts as the legacy API.
FileFacts::ModuleUse surveyModule(const ActionContext &ctx) {
  const Dialect &d = ctx.dialect();
  const Scopes &scopes = ctx.file.scopes;
  FileFacts::ModuleUse use;
  walk(ctx.file.root, [&](WalkStep step) {
    TSNode n = step.node;
    if (!ts_node_is_named(n))
      return true;
    Assignment a = d.assignment(n);
    if (!ts_node_is_null(a.left)) {
      auto target = scopes.resolve(a.left);
      if (target == "openai.api_key")
        use.key_values.push_back(a.right);
      if ((target == "openai.base_url" || target == "openai.api_base") &&
          !use.sets_base_url) {
        use.sets_base_url = true;
        use.base_url_value = a.right;
      }
    } else if (auto m = d.member(n, ctx.text());
               m && nodeType(d.unwrap(m->object)) == "identifier") {
      // Only `module.attr`: longer chains are made of these, and resolving
      // each prefix of a chain would be quadratic in its length.
      auto name = scopes.resolve(n);
      for (std::string_view legacy : kLegacyApi)
        use.legacy = use.legacy || name == legacy;
    }
    return true;
  });
  return use;
}

const FileFacts::ModuleUse &moduleUse(const ActionContext &ctx) {
  if (!ctx.facts.module_use)
    ctx.facts.module_use = surveyModule(ctx);
  return *ctx.facts.module_use;
}

/// The statement directly under a block or the module that holds `node`.
TSNode enclosingStatement(const ActionContext &ctx, TSNode node) {
  for (TSNode n = node; !ts_node_is_null(n);) {
    TSNode parent = ctx.file.parent(n);
    if (ts_node_is_null(parent) || ctx.dialect().isBlock(parent))
      return n;
    n = parent;
  }
  return node;
}

std::string expand(const ActionContext &ctx, std::string_view tmpl,
                   bool legacy) {
  std::string out;
  std::size_t i = 0;
  while (i < tmpl.size()) {
    std::size_t open = tmpl.find("${", i);
    if (open == std::string_view::npos) {
      out.append(tmpl.substr(i));
      break;
    }
    out.append(tmpl.substr(i, open - i));
    std::size_t close = tmpl.find('}', open);
    std::string_view name = tmpl.substr(open + 2, close - open - 2);
    if (name == "base_url")
      out += ctx.spelling.baseUrlExpr();
    else if (name == "base_url_attr")
      out += legacy ? "api_base" : "base_url";
    else if (name == "key_env")
      out += ctx.proxy.key_env;
    else if (name == "base_url_env")
      out += ctx.proxy.base_url_env;
    else if (!name.empty() && name[0] == '@')
      out += ctx.file.textOf(ctx.capture(name.substr(1)));
    i = close + 1;
  }
  return out;
}

} // namespace

std::optional<Finding> insertAfterStatement(const ActionContext &ctx) {
  std::string_view text = ctx.text();
  Finding f = makeFinding(ctx, ctx.located);
  const FileFacts::ModuleUse &use = moduleUse(ctx);
  TSNode stmt = enclosingStatement(ctx, ctx.located);
  // `if x: openai.api_key = k` on one line: a new line after it would
  // land outside the `if` (or split it from its `else`).
  if (!use.sets_base_url && !startsLine(text, ts_node_start_byte(stmt)))
    return makeFinding(ctx, ctx.located, FindingKind::NeedsReview,
                       "set on the same line as another statement: add the "
                       "proxy base URL by hand");
  // The base URL goes to the proxy only with a key that does too.
  std::vector<Edit> edits;
  TSNode value = ctx.dialect().assignment(ctx.located).right;
  KeyValue kv;
  if (!ts_node_is_null(value))
    kv = classifyKeyValue(ctx, value);
  // The module configuration stays on OpenAI: a consumer of its key's flow
  // that does not move, or one sending a key keyshift cannot trace.
  auto reviewed = [&](std::string why, const KeyValue &key) {
    Finding r =
        makeFinding(ctx, ctx.located, FindingKind::NeedsReview, std::move(why));
    noteKeyFlow(key, r);
    r.opaque_key = key.opaque;
    return r;
  };
  // The module has one key: if any assignment sets one keyshift cannot
  // see through (`if DEV: openai.api_key = get_dev_key()`), none may go
  // with a proxy URL.
  for (TSNode other : use.key_values)
    if (!ts_node_is_null(other) && !ts_node_eq(other, value)) {
      KeyValue o = classifyKeyValue(ctx, other);
      if (!o.migratable) {
        Finding r = reviewed("another openai.api_key assignment in this "
                             "file: " +
                                 o.why +
                                 "; migrate the module configuration "
                                 "by hand",
                             kv);
        r.opaque_key = r.opaque_key || o.opaque;
        if (!o.env.empty())
          r.flow_envs.push_back(o.env);
        return r;
      }
    }
  if (use.sets_base_url) {
    // The file sets the URL itself: an OpenAI literal there is rewritten
    // here, with the key (endpoint-literal leaves it to us); anything else
    // is already somewhere else.
    bool bare = false;
    auto url =
        urlPrefixEdit(ctx, use.base_url_value, url::openAiUrlPrefixes(), &bare);
    if (!url && !bare)
      return f;
    if (!kv.migratable || bare)
      return reviewed((bare ? std::string("bare OpenAI host as the base "
                                          "URL")
                            : kv.why) +
                          ": migrate the module configuration by hand",
                      kv);
    if (kv.edit)
      edits.push_back(*kv.edit);
    edits.push_back(*url);
    attachChange(ctx, f, std::move(edits));
    noteKeyFlow(kv, f);
    return f;
  }
  if (!ts_node_is_null(value)) {
    if (!kv.migratable)
      return reviewed(kv.why + ": setting the proxy base URL could send "
                               "an OpenAI key to it; migrate it by hand",
                      kv);
    if (kv.edit)
      edits.push_back(*kv.edit);
  }
  std::size_t end = ts_node_end_byte(stmt);
  std::size_t line_end = text.find('\n', end);
  std::string nl(newlineAt(text, end));
  std::string indent(indentationAt(text, ts_node_start_byte(stmt)));
  std::string line =
      indent + expand(ctx, ctx.rule.action.text_template, use.legacy);
  edits.push_back(
      line_end == std::string_view::npos
          ? Edit{ByteRange{text.size(), 0}, nl + line, ctx.rule.id}
          : Edit{ByteRange{line_end + 1, 0}, line + nl, ctx.rule.id});
  attachChange(ctx, f, std::move(edits));
  f.after += nl + line;
  // The key's flow: held anywhere, the URL stays with the key.
  noteKeyFlow(kv, f);
  return f;
}

} // namespace keyshift::ts
