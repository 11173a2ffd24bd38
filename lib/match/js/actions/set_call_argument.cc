// set-call-argument: make a client construction send to the proxy.
//   new OpenAI()               -> new OpenAI({ baseURL: "B", apiKey: K })
//   new OpenAI({ timeout: 30 }) -> new OpenAI({ timeout: 30, baseURL: "B",
//                                               apiKey: process.env.K })
// The one hard rule: a client is pointed at the proxy only if its key is,
// or becomes in the same change group, a read of K. So the group also
// carries the key's own rewrite (OPENAI_API_KEY -> K, a literal key ->
// process.env.K) and the URL's (an OpenAI URL literal or OPENAI_BASE_URL
// read -> B); these are the very edits the env-key-ref, hardcoded-key and
// endpoint-literal rules make, so they dedupe, and if any of them cannot
// apply, none does. Where it cannot tell, it reports instead: a spread or
// an options object built elsewhere may already carry the properties, a
// key from an expression may be a real OpenAI key.
#include "match/js/actions/action.h"
#include "match/treesitter/tree.h"

#include <algorithm>

namespace keyshift::js {
namespace {

const Property *findProperty(const std::vector<Property> &props,
                             const std::vector<std::string> &names) {
  for (const Property &p : props)
    if (!p.name.empty() &&
        std::find(names.begin(), names.end(), p.name) != names.end())
      return &p;
  return nullptr;
}

std::string join(const std::vector<std::string> &items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i ? ", " : "") + items[i];
  return out;
}

/// Text to add to an options object, following its layout: one line, or one
/// property per line with the same indentation (trailing-comma aware).
Edit insertProperties(const ActionContext &ctx, TSNode object,
                      const std::vector<Property> &props,
                      const std::vector<std::string> &items) {
  std::string_view text = ctx.text;
  std::size_t open = ts_node_start_byte(object) + 1; // after '{'
  std::size_t close = ts_node_end_byte(object) - 1;  // the '}'
  if (props.empty()) {
    std::string_view inner = text.substr(open, close - open);
    if (inner.find('\n') == std::string_view::npos)
      // `{}` or `{ }`: written as `{ a, b }`; keep a comment if any.
      return inner.find_first_not_of(" \t") == std::string_view::npos
                 ? Edit{ByteRange{open, close - open}, " " + join(items) + " ",
                        ctx.rule.id}
                 : Edit{ByteRange{open, 0}, " " + join(items) + ",",
                        ctx.rule.id};
    std::string nl(newlineAt(text, open));
    std::string indent = std::string(indentationAt(text, close)) + "  ";
    std::string joined;
    for (const auto &item : items)
      joined += nl + indent + item + ",";
    return Edit{ByteRange{open, 0}, joined, ctx.rule.id};
  }
  TSNode last = props.back().node;
  std::size_t last_end = ts_node_end_byte(last);
  std::size_t last_start = ts_node_start_byte(last);
  bool multiline =
      text.substr(open, last_start - open).find('\n') != std::string_view::npos;
  std::size_t after = last_end;
  while (after < close && (text[after] == ' ' || text[after] == '\t'))
    ++after;
  bool trailing_comma = after < close && text[after] == ',';
  std::string joined;
  if (!multiline) {
    // `{ timeout: 30, }` on one line: after the comma, keeping it last.
    if (trailing_comma) {
      for (const auto &item : items)
        joined += " " + item + ",";
      return Edit{ByteRange{after + 1, 0}, joined, ctx.rule.id};
    }
    for (const auto &item : items)
      joined += ", " + item;
    return Edit{ByteRange{last_end, 0}, joined, ctx.rule.id};
  }
  std::string nl(newlineAt(text, last_start));
  std::string indent(indentationAt(text, last_start));
  if (trailing_comma) {
    // `x: 1,\n}`: whole new lines before the one holding '}', so the diff
    // shows only added lines.
    std::size_t line_end = after + 1;
    while (line_end < close &&
           (text[line_end] == ' ' || text[line_end] == '\t'))
      ++line_end;
    // `timeout: 30, // seconds`: the comment stays with its property.
    if (line_end + 1 < close && text.compare(line_end, 2, "//") == 0)
      line_end = std::min(close, text.find('\n', line_end));
    std::size_t newline = text.find('\n', line_end);
    if (line_end < close && newline < close &&
        (text[line_end] == '\n' || text[line_end] == '\r')) {
      std::size_t next_line = newline + 1;
      for (const auto &item : items)
        joined += indent + item + "," + nl;
      return Edit{ByteRange{next_line, 0}, joined, ctx.rule.id};
    }
    for (const auto &item : items)
      joined += nl + indent + item + ",";
    return Edit{ByteRange{after + 1, 0}, joined, ctx.rule.id};
  }
  for (const auto &item : items)
    joined += "," + nl + indent + item;
  return Edit{ByteRange{last_end, 0}, joined, ctx.rule.id};
}

/// `migrate --shim`: `new OpenAI(...)` -> `wrap(new OpenAI(...))`, unless
/// the rule names no wrapper or the construction already is its argument.
std::vector<Edit> wrapEdits(const ActionContext &ctx, TSNode construction) {
  const std::string &wrapper = ctx.rule.action.shim_wrap;
  // keyshift-shim is an ES module, which require() cannot load on the
  // Node versions we support: CommonJS files are not wrapped (README).
  if (!ctx.options.shim || wrapper.empty() || ctx.spelling.commonJs())
    return {};
  TSNode list = ts_node_parent(construction);
  if (ts::nodeType(list) == "arguments") {
    TSNode outer = ts_node_parent(list);
    auto callee =
        ctx.imports.resolve(ts::childByField(outer, "function"), ctx.text);
    if (callee == Spelling::npmSymbol(wrapper))
      return {};
  }
  std::string name = ctx.spelling.wrapName(wrapper);
  return {Edit{ByteRange{ts_node_start_byte(construction), 0}, name + "(",
               ctx.rule.id},
          Edit{ByteRange{ts_node_end_byte(construction), 0}, ")", ctx.rule.id}};
}

/// Two insertions at one offset would conflict even within a group
/// (`new OpenAI` gets its options and the shim's `)` at its end): one
/// edit, in the order they were made.
std::vector<Edit> mergeInsertions(std::vector<Edit> edits) {
  std::vector<Edit> out;
  for (Edit &e : edits) {
    auto same = std::find_if(out.begin(), out.end(), [&](const Edit &o) {
      return o.isInsertion() && e.isInsertion() &&
             o.range.offset == e.range.offset;
    });
    if (same != out.end())
      same->replacement += e.replacement;
    else
      out.push_back(std::move(e));
  }
  return out;
}

Finding review(const ActionContext &ctx, TSNode node, std::string why) {
  return makeFinding(ctx, node, FindingKind::NeedsReview, std::move(why));
}

} // namespace

std::optional<Finding> setCallArgument(const ActionContext &ctx) {
  TSNode construction = ctx.located;
  std::string_view type = ts::nodeType(construction);
  if (type != "new_expression" && type != "call_expression")
    return std::nullopt;
  const auto &action = ctx.rule.action;
  TSNode list = ts::childByField(construction, "arguments");
  std::vector<TSNode> args;
  if (!ts_node_is_null(list)) {
    if (ts::nodeType(list) != "arguments")
      return std::nullopt; // a tagged template
    uint32_t count = ts_node_named_child_count(list);
    for (uint32_t i = 0; i < count; ++i)
      if (ts::nodeType(ts_node_named_child(list, i)) != "comment")
        args.push_back(ts_node_named_child(list, i));
  }
  if (args.size() > 1)
    return review(ctx, construction,
                  "client built with more than one argument: cannot tell "
                  "where baseURL and apiKey belong; migrate it by hand");
  TSNode object{};
  std::vector<Property> props;
  if (!args.empty()) {
    object = unwrapExpression(args[0]);
    if (ts::nodeType(object) != "object")
      return review(ctx, construction,
                    "client options built elsewhere: adding baseURL or apiKey "
                    "could collide at run time; migrate it by hand");
    props = objectProperties(object, ctx.text);
    for (const Property &p : props)
      if (p.spread || p.computed)
        return review(ctx, construction,
                      std::string("client options ") +
                          (p.spread ? "spread from another object"
                                    : "with a computed key") +
                          ": adding baseURL or apiKey could collide at run "
                          "time; migrate it by hand");
  }

  // `{ apiKey: a, apiKey: b }`: the last one wins at run time; keyshift
  // would read the first. Not worth guessing.
  for (const auto *names : {&action.base_url_params, &action.api_key_params}) {
    std::size_t seen = 0;
    for (const Property &p : props)
      seen += std::find(names->begin(), names->end(), p.name) != names->end();
    if (seen > 1)
      return review(ctx, construction,
                    "client options set baseURL or apiKey twice: migrate it "
                    "by hand");
  }
  const Property *url = findProperty(props, action.base_url_params);
  const Property *key = findProperty(props, action.api_key_params);
  std::vector<Edit> edits;
  if (url) {
    TSNode value = unwrapExpression(url->value);
    bool bare_host = false;
    auto url_edit =
        ts_node_is_null(value)
            ? std::nullopt
            : urlPrefixEdit(ctx, value, openAiUrlPrefixes(), &bare_host);
    // `process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1"`
    TSNode env_node = value, fallback{};
    if (ts::nodeType(value) == "binary_expression") {
      std::string_view op =
          ts::nodeText(ts::childByField(value, "operator"), ctx.text);
      if (op == "??" || op == "||") {
        env_node = unwrapExpression(ts::childByField(value, "left"));
        fallback = unwrapExpression(ts::childByField(value, "right"));
      }
    }
    auto env = asEnvRead(env_node, ctx.text, ctx.imports);
    bool openai_env = env && (env->name == "OPENAI_BASE_URL" ||
                              env->name == "OPENAI_API_BASE");
    // `baseURL: undefined` or `null` is the SDK's default: OpenAI itself.
    bool sdk_default =
        ts::nodeType(value) == "undefined" || ts::nodeType(value) == "null";
    if (bare_host)
      return review(ctx, construction,
                    "bare OpenAI host as baseURL, and the proxy base URL does "
                    "not end in /v1; migrate it by hand");
    if (url_edit) {
      edits.push_back(*url_edit);
    } else if (openai_env && !ctx.proxy.base_url_env.empty()) {
      edits.push_back(
          Edit{env->name_range, ctx.proxy.base_url_env, ctx.rule.id});
      bool fallback_bare = false;
      if (!ts_node_is_null(fallback))
        if (auto e = urlPrefixEdit(ctx, fallback, openAiUrlPrefixes(),
                                   &fallback_bare))
          edits.push_back(*e);
    } else if (openai_env || sdk_default) {
      // Left as it is, the URL would default to OpenAI while the key
      // becomes the proxy's: the value must be the proxy URL.
      edits.push_back(
          Edit{ts::nodeRange(value), ctx.spelling.baseUrlExpr(), ctx.rule.id});
    } else {
      Finding f = makeFinding(ctx, construction, FindingKind::AlreadyProxied,
                              "client already sends to a non-OpenAI base "
                              "URL: left as is");
      // A URL from an expression may be an OpenAI literal elsewhere in the
      // file; with a key not known to be K it must not move there alone.
      bool literal = !ts_node_is_null(value) && readString(value, ctx.text);
      if (!literal && (!key || !classifyKeyValue(ctx, key->value).migratable))
        f.blocks_base_url = true;
      // --shim still adds resilience to a client that is already proxied.
      if (auto wrap = wrapEdits(ctx, construction); !wrap.empty())
        attachChange(ctx, f, std::move(wrap));
      return f;
    }
  }

  if (key) {
    KeyValue kv = classifyKeyValue(ctx, key->value);
    if (!kv.migratable)
      return review(ctx, construction,
                    kv.why + ": pointing this client at the proxy could send "
                             "an OpenAI key to it; migrate it by hand");
    if (kv.edit)
      edits.push_back(*kv.edit);
  }

  std::vector<std::string> items;
  if (!url)
    items.push_back(action.base_url_params.front() + ": " +
                    ctx.spelling.baseUrlExpr());
  if (!key)
    items.push_back(action.api_key_params.front() + ": " +
                    ctx.spelling.keyExpr());
  if (!items.empty()) {
    if (ts_node_is_null(list))
      // `new OpenAI`: the options need parentheses of their own.
      edits.push_back(Edit{ByteRange{ts_node_end_byte(construction), 0},
                           "({ " + join(items) + " })", ctx.rule.id});
    else if (args.empty())
      // Keep whatever sits between the parentheses (spaces, a comment).
      edits.push_back(Edit{ByteRange{ts_node_start_byte(list) + 1, 0},
                           "{ " + join(items) + " }", ctx.rule.id});
    else
      edits.push_back(insertProperties(ctx, object, props, items));
  }
  for (Edit &e : wrapEdits(ctx, construction))
    edits.push_back(std::move(e));
  Finding f = makeFinding(ctx, construction);
  if (!edits.empty())
    attachChange(ctx, f, mergeInsertions(std::move(edits)));
  return f;
}

} // namespace keyshift::js
