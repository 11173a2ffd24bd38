// set-call-argument: make a client construction send to the proxy.
//   OpenAI()                 -> OpenAI(base_url="B", api_key=os.environ["K"])
//   OpenAI(timeout=30)       -> OpenAI(timeout=30, base_url="B", api_key=...)
// The one hard rule: a client is pointed at the proxy only if its key is,
// or becomes in the same change group, a read of K. So the group also
// carries the key's own rewrite (OPENAI_API_KEY -> K, a literal key ->
// os.environ["K"]) and the URL's (an OpenAI URL literal or OPENAI_BASE_URL
// read -> B); these are the very edits the env-key-ref, hardcoded-key and
// endpoint-literal rules make, so they dedupe, and if any of them cannot
// apply, none does. Where it cannot tell, it reports instead: **kwargs may
// already carry the keywords, a key from an expression may be a real
// OpenAI key.
#include "match/python/actions/action.h"
#include "match/treesitter/tree.h"

#include <algorithm>

namespace keyshift::python {
namespace {

const Argument *findKeyword(const std::vector<Argument> &args,
                            const std::vector<std::string> &names) {
  for (const Argument &a : args)
    if (!a.name.empty() &&
        std::find(names.begin(), names.end(), a.name) != names.end())
      return &a;
  return nullptr;
}

/// Text to insert after the last argument, following the call's layout:
/// one line, or one argument per line with the same indentation.
Edit insertArguments(const ActionContext &ctx, TSNode list,
                     const std::vector<Argument> &args,
                     const std::vector<std::string> &items) {
  std::string_view text = ctx.text;
  std::size_t close = ts_node_end_byte(list) - 1; // the ')'
  std::string joined;
  if (args.empty()) {
    for (std::size_t i = 0; i < items.size(); ++i)
      joined += (i ? ", " : "") + items[i];
    // Keep whatever sits between the parentheses (spaces, a comment).
    return Edit{ByteRange{ts_node_start_byte(list) + 1, 0}, joined,
                ctx.rule.id};
  }
  TSNode last = args.back().node;
  std::size_t last_end = ts_node_end_byte(last);
  std::size_t last_start = ts_node_start_byte(last);
  bool multiline = text.substr(ts_node_start_byte(list),
                               last_start - ts_node_start_byte(list))
                       .find('\n') != std::string_view::npos;
  // A trailing comma after the last argument?
  std::size_t after = last_end;
  while (after < close && (text[after] == ' ' || text[after] == '\t'))
    ++after;
  bool trailing_comma = after < close && text[after] == ',';
  if (!multiline) {
    for (const auto &item : items)
      joined += ", " + item;
    return Edit{ByteRange{last_end, 0}, joined, ctx.rule.id};
  }
  std::string nl(newlineAt(text, last_start));
  std::string indent(indentationAt(text, last_start));
  if (trailing_comma) {
    // `x=1,\n)`: whole new lines before the one holding ')', so the diff
    // shows only added lines.
    std::size_t line_end = after + 1;
    while (line_end < close &&
           (text[line_end] == ' ' || text[line_end] == '\t'))
      ++line_end;
    // `timeout=30,  # seconds`: the comment stays with its argument.
    if (line_end < close && text[line_end] == '#')
      line_end = std::min(close, text.find('\n', line_end));
    if (line_end < close &&
        (text[line_end] == '\n' || text[line_end] == '\r')) {
      std::size_t next_line = text.find('\n', line_end) + 1;
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

/// `migrate --shim`: `OpenAI(...)` -> `wrap(OpenAI(...))`, unless the rule
/// names no wrapper or the call is already the wrapper's argument.
std::vector<Edit> wrapEdits(const ActionContext &ctx, TSNode call) {
  const std::string &wrapper = ctx.rule.action.shim_wrap;
  if (!ctx.options.shim || wrapper.empty())
    return {};
  TSNode list = ts_node_parent(call);
  if (ts::nodeType(list) == "argument_list") {
    TSNode outer = ts_node_parent(list);
    auto callee =
        ctx.imports.resolve(ts::childByField(outer, "function"), ctx.text);
    if (callee == wrapper)
      return {};
  }
  std::string name = ctx.spelling.wrapName(wrapper);
  return {Edit{ByteRange{ts_node_start_byte(call), 0}, name + "(", ctx.rule.id},
          Edit{ByteRange{ts_node_end_byte(call), 0}, ")", ctx.rule.id}};
}

} // namespace

std::optional<Finding> setCallArgument(const ActionContext &ctx) {
  TSNode call = ctx.located;
  TSNode list = ctx.capture("args");
  if (ts_node_is_null(list))
    list = ts::childByField(call, "arguments");
  if (ts_node_is_null(list) || ts::nodeType(list) != "argument_list")
    return std::nullopt;
  const auto &action = ctx.rule.action;
  std::vector<Argument> args = callArguments(list, ctx.text);

  for (const Argument &a : args)
    if (a.dict_splat || a.list_splat)
      return makeFinding(ctx, call, FindingKind::NeedsReview,
                         "client built from *args/**kwargs: adding base_url "
                         "or api_key could collide at run time; migrate it "
                         "by hand");

  const Argument *url = findKeyword(args, action.base_url_params);
  const Argument *key = findKeyword(args, action.api_key_params);
  // The SDK constructors take keywords only; a positional argument means a
  // wrapper or an older signature, and guessing where ours go is unsafe.
  if (std::any_of(args.begin(), args.end(),
                  [](const Argument &a) { return a.name.empty(); }))
    return makeFinding(ctx, call, FindingKind::NeedsReview,
                       "client built with positional arguments: cannot tell "
                       "where base_url and api_key belong; migrate it by hand");

  std::vector<Edit> edits;
  if (url) {
    bool bare_host = false;
    auto url_edit =
        urlPrefixEdit(ctx, url->value, openAiUrlPrefixes(), &bare_host);
    auto env = asEnvRead(url->value, ctx.text, ctx.imports);
    bool openai_env = env && (env->name == "OPENAI_BASE_URL" ||
                              env->name == "OPENAI_API_BASE");
    if (bare_host)
      return makeFinding(ctx, call, FindingKind::NeedsReview,
                         "bare OpenAI host as base_url, and the proxy base "
                         "URL does not end in /v1; migrate it by hand");
    if (url_edit) {
      edits.push_back(*url_edit);
    } else if (openai_env && !ctx.proxy.base_url_env.empty()) {
      edits.push_back(
          Edit{env->name_range, ctx.proxy.base_url_env, ctx.rule.id});
    } else if (openai_env) {
      // Left as it is, the URL would default to OpenAI while the key
      // becomes the proxy's: the value must be the proxy URL.
      edits.push_back(Edit{ts::nodeRange(url->value),
                           ctx.spelling.baseUrlExpr(), ctx.rule.id});
    } else {
      Finding f = makeFinding(ctx, call, FindingKind::AlreadyProxied,
                              "client already sends to a non-OpenAI base "
                              "URL: left as is");
      // A URL from an expression may be an OpenAI literal elsewhere in the
      // file; with a key not known to be K it must not move there alone.
      bool literal = readString(url->value, ctx.text).has_value();
      if (!literal && (!key || !classifyKeyValue(ctx, key->value).migratable))
        f.blocks_base_url = true;
      // --shim still adds resilience to a client that is already proxied.
      if (auto wrap = wrapEdits(ctx, call); !wrap.empty())
        attachChange(ctx, f, std::move(wrap));
      return f;
    }
  }

  if (key) {
    KeyValue kv = classifyKeyValue(ctx, key->value);
    if (!kv.migratable)
      return makeFinding(ctx, call, FindingKind::NeedsReview,
                         kv.why + ": pointing this client at the proxy could "
                                  "send an OpenAI key to it; migrate it by "
                                  "hand");
    if (kv.edit)
      edits.push_back(*kv.edit);
  }

  std::vector<std::string> items;
  if (!url)
    items.push_back(action.base_url_params.front() + "=" +
                    ctx.spelling.baseUrlExpr());
  if (!key)
    items.push_back(action.api_key_params.front() + "=" +
                    ctx.spelling.keyExpr());
  if (!items.empty())
    edits.push_back(insertArguments(ctx, list, args, items));
  for (Edit &e : wrapEdits(ctx, call))
    edits.push_back(std::move(e));
  // Code written inside an f-string's braces must not reuse its quotes
  // (a SyntaxError before Python 3.12, which tree-sitter cannot tell).
  bool quotes = std::any_of(edits.begin(), edits.end(), [](const Edit &e) {
    return e.replacement.find_first_of("\"'") != std::string::npos;
  });
  if (quotes && insideInterpolation(call))
    return makeFinding(ctx, call, FindingKind::NeedsReview,
                       "client built inside an f-string: migrate it by hand");
  Finding f = makeFinding(ctx, call);
  if (!edits.empty())
    attachChange(ctx, f, std::move(edits));
  return f;
}

} // namespace keyshift::python
