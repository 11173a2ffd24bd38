// set-call-argument: make a client construction send to the proxy.
//   OpenAI()                 -> OpenAI(base_url="B", api_key=os.environ["K"])
//   OpenAI(timeout=30)       -> OpenAI(timeout=30, base_url="B", api_key=...)
// It only adds what is missing. Values other rules own are left to them:
// an OpenAI URL literal (endpoint-literal), an OPENAI_* env read (env-*-ref),
// a literal key (hardcoded-key) — so every byte has one owner and the rules
// never conflict. Where adding keywords could be wrong it reports instead:
// **kwargs may already carry them, and a key we cannot see (a variable, a
// call) may be a real OpenAI key that must not be sent to a proxy.
#include "match/python/actions/action.h"
#include "match/treesitter/tree.h"

#include <algorithm>

namespace keyshift::python {
namespace {

bool isOpenAiUrl(std::string_view value) {
  return value.rfind("https://api.openai.com", 0) == 0 ||
         value.rfind("http://api.openai.com", 0) == 0;
}

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
  std::string nl(text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n");
  std::string indent(indentationAt(text, last_start));
  if (trailing_comma) {
    // `x=1,\n)`: whole new lines before the one holding ')', so the diff
    // shows only added lines.
    std::size_t line_end = after + 1;
    while (line_end < close &&
           (text[line_end] == ' ' || text[line_end] == '\t'))
      ++line_end;
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
      return makeFinding(ctx, call, "needs-review",
                         "client built from *args/**kwargs: adding base_url "
                         "or api_key could collide at run time; migrate it "
                         "by hand");

  const Argument *url = findKeyword(args, action.base_url_params);
  const Argument *key = findKeyword(args, action.api_key_params);
  // The SDK constructors take keywords only; a positional argument means a
  // wrapper or an older signature, and guessing where ours go is unsafe.
  if (std::any_of(args.begin(), args.end(),
                  [](const Argument &a) { return a.name.empty(); }))
    return makeFinding(ctx, call, "needs-review",
                       "client built with positional arguments: cannot tell "
                       "where base_url and api_key belong; migrate it by hand");

  if (url) {
    auto lit = readString(url->value, ctx.text);
    bool openai_default = lit && lit->simple && isOpenAiUrl(lit->value);
    auto env = asEnvRead(url->value, ctx.text, ctx.imports);
    bool openai_env = env && (env->name == "OPENAI_BASE_URL" ||
                              env->name == "OPENAI_API_BASE");
    if (!openai_default && !openai_env) {
      Finding f = makeFinding(ctx, call, "already-proxied",
                              "client already sends to a non-OpenAI base "
                              "URL: left as is");
      // --shim still adds resilience to a client that is already proxied.
      if (auto wrap = wrapEdits(ctx, call); !wrap.empty())
        attachChange(ctx, f, std::move(wrap));
      return f;
    }
  }

  if (key) {
    auto lit = readString(key->value, ctx.text);
    auto env = asEnvRead(key->value, ctx.text, ctx.imports);
    bool literal_key = lit && lit->simple;
    bool env_key = env.has_value();
    if (!literal_key && !env_key)
      return makeFinding(ctx, call, "needs-review",
                         "api_key comes from an expression keyshift cannot "
                         "see through: pointing this client at the proxy "
                         "could send an OpenAI key to it; migrate it by hand");
  }

  std::vector<std::string> items;
  if (!url)
    items.push_back(action.base_url_params.front() + "=" +
                    ctx.spelling.baseUrlExpr());
  if (!key)
    items.push_back(action.api_key_params.front() + "=" +
                    ctx.spelling.keyExpr());
  Finding f = makeFinding(ctx, call);
  std::vector<Edit> edits = wrapEdits(ctx, call);
  // The values already there are other rules' business (see the top).
  if (!items.empty())
    edits.push_back(insertArguments(ctx, list, args, items));
  if (!edits.empty())
    attachChange(ctx, f, std::move(edits));
  return f;
}

} // namespace keyshift::python
