// The hard rule for hand-written HTTP (raw_request.h), both ways: an OpenAI
// URL literal moves only when everything it is sent with moves too (no key,
// or a key that becomes a read of K in the same change), and a key read is
// renamed to K only when the requests that send it go to a URL that moves
// (or is not OpenAI's).
#include "base/ascii_case.h"
#include "match/finding_text.h"
#include "match/treesitter/actions/action.h"
#include "match/treesitter/module_index.h"
#include "match/treesitter/raw_request.h"
#include "match/url_prefix.h"

#include <algorithm>

namespace keyshift::ts {
namespace {

/// The option names an SDK client takes its key under.
bool isKeyOption(std::string_view name) {
  return name == "api_key" || name == "apiKey" || name == "openai_api_key" ||
         name == "openAIApiKey";
}

/// A client's key option value, searched in its arguments and an options
/// object; *found says whether there is one.
TSNode clientKey(const FileContext &file, TSNode call, bool *found) {
  *found = false;
  TSNode key{};
  walk(childByField(call, "arguments"), [&](WalkStep step) {
    if (*found)
      return false;
    auto name = file.dialect.entryName(step.node, file.text);
    if (name && isKeyOption(*name)) {
      *found = true;
      key = childByField(step.node, "value");
      return false;
    }
    return nodeType(step.node) != "call" &&
           nodeType(step.node) != "call_expression";
  });
  return key;
}

/// The edits adding the proxy's headers (ProxyTarget::headers) to the
/// dict or object literal holding the request's key entry, after that
/// entry; a header the literal sets already (in any letter case) stays as
/// it is. None when there is no such literal to add to.
std::optional<std::vector<Edit>> proxyHeaderEdits(const ActionContext &ctx,
                                                  const RequestAuth &auth) {
  const FileContext &file = ctx.file;
  if (auth.state != RequestAuth::State::Key || ts_node_is_null(auth.entry))
    return std::nullopt;
  TSNode headers = file.parent(auth.entry);
  if (!oneOf(nodeType(headers), {"dictionary", "object"}))
    return std::nullopt;
  // Code written inside a Python f-string's braces must not reuse its
  // quotes (a SyntaxError before 3.12, which tree-sitter cannot tell).
  if (!file.dialect.quotesAllowedAt(auth.entry, file))
    return std::nullopt;
  std::vector<std::string> entries;
  for (const ProxyHeader &h : ctx.proxy.headers) {
    bool set = false;
    for (TSNode entry : namedChildren(headers))
      if (auto name = file.dialect.entryName(entry, file.text))
        set = set || equalsIgnoringCase(*name, h.name);
    if (!set)
      entries.push_back(ctx.spelling.literal(h.name) + ": " +
                        ctx.spelling.envRead(h.env));
  }
  std::vector<Edit> edits;
  if (entries.empty())
    return edits;
  // One entry per line where the literal has one per line (`key,\n`):
  // on lines of their own, indented as the key's entry; else inline.
  std::size_t end = ts_node_end_byte(auth.entry);
  std::string_view rest = file.text.substr(end);
  std::size_t nl = rest.find_first_not_of(" \t", rest.starts_with(',') ? 1 : 0);
  std::string added;
  if (rest.starts_with(',') && nl != std::string_view::npos &&
      rest[nl] == '\n') {
    std::size_t line = file.text.rfind('\n', ts_node_start_byte(auth.entry));
    line = line == std::string_view::npos ? 0 : line + 1;
    std::string indent(
        file.text.substr(line, ts_node_start_byte(auth.entry) - line));
    if (indent.find_first_not_of(" \t") == std::string::npos) {
      for (const std::string &e : entries)
        added += indent + e + ",\n";
      edits.push_back(Edit{ByteRange{end + nl + 1, 0}, added, ctx.rule.id});
      return edits;
    }
  }
  for (const std::string &e : entries)
    added += ", " + e;
  edits.push_back(Edit{ByteRange{end, 0}, added, ctx.rule.id});
  return edits;
}

void refuse(UrlDecision &d, std::string why) {
  if (d.moves)
    d.why = std::move(why);
  d.moves = false;
}

} // namespace

RelatedSite relatedAt(const ActionContext &ctx, TSNode node,
                      std::string message) {
  std::size_t offset = ts_node_start_byte(node);
  std::string_view before = ctx.text().substr(0, offset);
  auto line =
      static_cast<unsigned>(1 + std::count(before.begin(), before.end(), '\n'));
  std::size_t nl = before.rfind('\n');
  auto column = static_cast<unsigned>(
      1 + offset - (nl == std::string_view::npos ? 0 : nl + 1));
  return RelatedSite{std::string(ctx.file.path), line, column,
                     std::move(message)};
}

UrlDecision decideUrl(const ActionContext &ctx, TSNode literal) {
  UrlDecision d;
  const FileContext &file = ctx.file;
  for (const ValueSink &sink : sinksOf(file, literal)) {
    if (ts_node_is_null(sink.call)) {
      if (sink.unknown.empty())
        continue;
      refuse(d, siteOf(file, sink.at) + ": " + sink.unknown +
                    ", where a request keyshift cannot see may send an "
                    "OpenAI key with it");
      d.opaque_key = true;
      d.related.push_back(relatedAt(ctx, sink.at, sink.unknown));
      continue;
    }
    TSNode key{};
    std::string what = "the client";
    if (isClientCall(file, sink.call)) {
      bool found = false;
      key = clientKey(file, sink.call, &found);
      if (!found) {
        d.envs.emplace_back("OPENAI_API_KEY");
        refuse(d, siteOf(file, sink.call) +
                      ": the client there reads OPENAI_API_KEY itself");
        d.related.push_back(
            relatedAt(ctx, sink.call, "client that reads OPENAI_API_KEY"));
        continue;
      }
    } else {
      what = "the request";
      RequestAuth auth = requestAuth(file, sink.call);
      // The proxy answers nothing without its headers: they join the
      // literal that sends the key, or the request stays.
      if (!ctx.proxy.headers.empty()) {
        std::optional<std::vector<Edit>> added = proxyHeaderEdits(ctx, auth);
        if (!added) {
          refuse(d, siteOf(file, sink.call) + ": the proxy needs headers (" +
                        headerList(ctx.proxy) +
                        ") and the request has no header literal keyshift "
                        "can add them to");
          d.related.push_back(
              relatedAt(ctx, sink.call, "request without the proxy's headers"));
        } else {
          d.key_edits.insert(d.key_edits.end(), added->begin(), added->end());
        }
      }
      if (auth.state == RequestAuth::State::None) {
        d.related.push_back(
            relatedAt(ctx, sink.call, "request that sends no credential"));
        continue;
      }
      if (auth.state == RequestAuth::State::Unknown) {
        refuse(d, siteOf(file, sink.call) + ": " + auth.why);
        d.opaque_key = true;
        d.related.push_back(relatedAt(ctx, sink.call, auth.why));
        continue;
      }
      key = auth.key;
    }
    KeyValue kv = classifyKeyValue(ctx, key);
    if (!kv.env.empty())
      d.envs.push_back(kv.env);
    std::string sent =
        ts_node_is_null(key) ? std::string("a key") : snippet(file.textOf(key));
    d.related.push_back(relatedAt(ctx, sink.call, "sends " + sent));
    if (!kv.migratable) {
      refuse(d, siteOf(file, sink.call) + ": " + what + " there sends " + sent +
                    "; " + kv.why);
      d.opaque_key = d.opaque_key || kv.opaque;
    } else if (kv.edit)
      d.key_edits.push_back(*kv.edit);
    if (!kv.symbol.empty() || d.key.symbol.empty())
      d.key = std::move(kv);
  }
  return d;
}

namespace {

/// Azure OpenAI clients are report-only: they stay on Azure, so the key
/// they are given must stay the one Azure expects, never the proxy's.
bool staysOffTheProxy(const FileContext &file, TSNode call) {
  auto callee = file.scopes.resolve(file.dialect.callee(call));
  return callee && callee->find("Azure") != std::string::npos;
}

} // namespace

std::string keyBlockedByRequest(const ActionContext &ctx, TSNode read,
                                std::string *deferred) {
  const FileContext &file = ctx.file;
  for (const ValueSink &sink : sinksOf(file, read)) {
    if (ts_node_is_null(sink.call) ||
        (isClientCall(file, sink.call) && !staysOffTheProxy(file, sink.call)))
      continue;
    // `new OpenAI({ apiKey })` with the class from a local module, in the
    // index pass: the plan decides once it has read the re-exports.
    if (auto local = throughLocalModule(file, sink.call);
        local && deferred && file.flows->indexing() && sink.header.empty() &&
        isKeyOption(sink.option)) {
      *deferred = *local;
      continue;
    }
    // `createOpenAI({ apiKey })`, `AzureOpenAI(api_key=...)`: a client
    // keyshift does not migrate keeps its URL, so its key must stay the one
    // that URL expects.
    if (sink.header.empty() && isKeyOption(sink.option))
      return "it is passed as " + sink.option + " to " +
             snippet(file.textOf(file.dialect.callee(sink.call))) + " at " +
             siteOf(file, sink.call) +
             ", a client keyshift does not migrate: its URL does not move "
             "to the proxy";
    if (sink.header.empty())
      continue;
    std::string request = "it is sent as the " + sink.header +
                          " header of the request at " +
                          siteOf(file, sink.call);
    TSNode url = requestUrl(file, sink.call);
    TSNode head = ts_node_is_null(url) ? url : urlHead(file, url);
    if (ts_node_is_null(head))
      return request + ", whose URL (" +
             (ts_node_is_null(url) ? std::string("none")
                                   : snippet(file.textOf(url))) +
             ") keyshift cannot trace: renaming it could send the proxy "
             "key to OpenAI";
    bool bare = false;
    bool openai =
        urlPrefixEdit(ctx, head, url::openAiUrlPrefixes(), &bare) || bare;
    // The Realtime API's URL moves to B's WebSocket form, when B has one.
    bool ws_bare = false;
    openai = openai ||
             urlPrefixEdit(ctx, head, url::openAiWebSocketPrefixes(), &ws_bare);
    if (!openai) {
      switch (literalHost(ctx, head)) {
      case url::HostKind::OpenAi:
        return request + ", whose URL (" + snippet(file.textOf(head)) +
               ") is an OpenAI host keyshift does not move (WebSocket, "
               "regional or mTLS): renaming it would send the proxy key to "
               "OpenAI";
      case url::HostKind::NotWritten:
        return request + ", whose host (" + snippet(file.textOf(head)) +
               ") is built at run time: renaming it could send the proxy "
               "key to OpenAI";
      case url::HostKind::Other:
        continue; // not OpenAI's: the key goes where it went
      }
    }
    UrlDecision d =
        bare ? UrlDecision{false, "a bare OpenAI host"} : decideUrl(ctx, head);
    if (!d.moves)
      return request + ", whose OpenAI URL cannot move (" + d.why + ")";
  }
  return "";
}

namespace {

/// Calls that only test a value: nothing is sent with it.
bool onlyTests(const FileContext &file, TSNode call) {
  TSNode callee = file.dialect.callee(call);
  std::string_view name = file.textOf(callee);
  return nodeType(callee) == "identifier" && !file.scopes.binds(name) &&
         (name == "bool" || name == "len" || name == "isinstance" ||
          name == "Boolean");
}

/// Whether the value at `at` is only tested (`if os.getenv("K")`, `not
/// key`, `key === undefined`): through `and`/`or` and parentheses up to a
/// comparison or a condition. Anything else carries the value on.
bool onlyTested(const FileContext &file, TSNode at) {
  for (TSNode n = at, p = file.parent(at); !ts_node_is_null(p);
       n = p, p = file.parent(p)) {
    std::string_view type = nodeType(p);
    if (oneOf(type, {"comparison_operator", "not_operator", "unary_expression",
                     "assert_statement"}))
      return true;
    if (oneOf(type, {"if_statement", "while_statement", "elif_clause",
                     "conditional_expression", "ternary_expression"}))
      return ts_node_eq(childByField(p, "condition"), n) ||
             (type == "conditional_expression" &&
              ts_node_named_child_count(p) == 3 &&
              ts_node_eq(ts_node_named_child(p, 1), n));
    if (type == "binary_expression") {
      std::string_view op = file.textOf(childByField(p, "operator"));
      if (oneOf(op, {"==", "===", "!=", "!==", "<", ">", "<=", ">="}))
        return true;
      if (!oneOf(op, {"&&", "||", "??"}))
        return false;
      continue;
    }
    if (!oneOf(type, {"boolean_operator", "parenthesized_expression"}))
      return false;
  }
  return false;
}

/// `openai.api_key = <at>`: the module configuration, a consumer the
/// module-config rule decides (its finding holds the flow when it stays).
bool setsModuleKey(const FileContext &file, TSNode at) {
  Assignment a = file.dialect.assignment(file.parent(at));
  if (ts_node_is_null(a.left) || !ts_node_eq(file.dialect.unwrap(a.right), at))
    return false;
  auto target = file.scopes.resolve(a.left);
  return target && target->starts_with("openai.");
}

/// A read held by a module-level value the index records (module_index.h:
/// a name bound to the read, an exported object literal's entry): the plan
/// follows it into every module that imports it. A read inside a value the
/// index does not record (an array, a call's argument) leaves with it,
/// where the plan cannot see.
bool followedByPlan(const FileContext &file, TSNode read,
                    const ValueSink &sink) {
  if (sink.unknown.starts_with("bound to") &&
      moduleEnvBinding(file, file.textOf(sink.at), ts_node_start_byte(sink.at)))
    return true;
  return indexedUnder(file, read, sink.at);
}

} // namespace

std::optional<RelatedSite> keyEscape(const ActionContext &ctx, TSNode read) {
  const FileContext &file = ctx.file;
  for (const ValueSink &sink : sinksOf(file, read)) {
    if (ts_node_is_null(sink.call)) {
      // A module-level name bound to the read is the plan's to follow (its
      // uses in other modules are indexed); a comparison or a condition
      // only tests it.
      const std::string &u = sink.unknown;
      if (u.empty() || followedByPlan(file, read, sink) ||
          onlyTested(file, sink.at) || setsModuleKey(file, sink.at))
        continue;
      return relatedAt(ctx, sink.at, "its value is " + u);
    }
    if (isClientCall(file, sink.call) || !sink.header.empty() ||
        onlyTests(file, sink.call))
      continue;
    return relatedAt(ctx, sink.call,
                     "its value is passed to " +
                         snippet(file.textOf(file.dialect.callee(sink.call))) +
                         ", which keyshift does not follow");
  }
  return std::nullopt;
}

} // namespace keyshift::ts
