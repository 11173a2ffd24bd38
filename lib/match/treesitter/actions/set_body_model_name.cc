// set-body-model-name: the model name in the JSON body of a hand-written
// request takes the proxy's naming when that request moves to the proxy:
//   requests.post("https://api.openai.com/v1/chat/completions",
//                 headers=auth, json={"model": "gpt-4o", ...})
//   fetch(URL, { headers, body: JSON.stringify({ model: "gpt-4o" }) })
// The body is followed (through names bound once and a JSON serializer) to
// the request that sends it; the request's URL is decided exactly as the
// endpoint-literal rule decides it (decideUrl: it moves only with the key
// sent beside it), and the name's edit joins that change group, so URL,
// key and model name move together or not at all. A body that reaches no
// request to an OpenAI URL keyshift can see is not a model name of the
// API: no finding.
#include "match/finding_text.h"
#include "match/treesitter/actions/action.h"
#include "match/treesitter/raw_request.h"

namespace keyshift::ts {
namespace {

/// `JSON.stringify(body)`, `json.dumps(body)`: the text sent is the body's.
bool serializes(const FileContext &file, TSNode call) {
  TSNode callee = file.dialect.callee(call);
  auto symbol = file.scopes.resolve(callee);
  std::string name = symbol ? *symbol : std::string(file.textOf(callee));
  return name == "JSON.stringify" || name == "json.dumps";
}

/// The request that sends `body`, and its OpenAI URL literal.
struct BodyRequest {
  TSNode call{};
  TSNode url{}; ///< the URL's literal head
  std::optional<Edit> url_edit;
  bool bare_host = false;
};

std::optional<BodyRequest> requestSending(const ActionContext &ctx, TSNode body,
                                          int depth = 0) {
  const FileContext &file = ctx.file;
  for (const ValueSink &sink : sinksOf(file, body)) {
    if (ts_node_is_null(sink.call) || !sink.header.empty())
      continue;
    if (serializes(file, sink.call)) {
      if (depth < 2)
        if (auto r = requestSending(ctx, sink.call, depth + 1))
          return r;
      continue;
    }
    if (isClientCall(file, sink.call))
      continue;
    TSNode url = requestUrl(file, sink.call);
    TSNode head = ts_node_is_null(url) ? url : urlHead(file, url);
    if (ts_node_is_null(head))
      continue;
    BodyRequest r{sink.call, head, std::nullopt, false};
    r.url_edit =
        urlPrefixEdit(ctx, head, ctx.rule.action.prefixes, &r.bare_host);
    if (r.url_edit || r.bare_host)
      return r;
  }
  return std::nullopt;
}

} // namespace

std::optional<Finding> setBodyModelName(const ActionContext &ctx) {
  TSNode entry = ctx.file.parent(ctx.located);
  TSNode body = ctx.file.parent(entry);
  if (ts_node_is_null(body))
    return std::nullopt;
  auto request = requestSending(ctx, body);
  if (!request)
    return std::nullopt;
  RelatedSite sent = relatedAt(ctx, request->call,
                               "the request that sends this body to " +
                                   snippet(ctx.file.textOf(request->url)));
  ModelNameSite site = modelNameSite(ctx);
  if (site.settled) {
    site.settled->related.push_back(std::move(sent));
    return site.settled;
  }
  auto reported = [&](std::string why) {
    Finding f = reportedModelName(ctx, std::move(why));
    f.related.push_back(sent);
    return f;
  };
  if (request->bare_host)
    return reported("the request's URL is a bare OpenAI host, which keyshift "
                    "does not move");
  UrlDecision d = decideUrl(ctx, request->url);
  if (!d.moves)
    return reported("the request stays on OpenAI, which knows the name as "
                    "it is (" +
                    d.why + ")");
  if (!site.why.empty())
    return reported(site.why);
  Finding f = makeFinding(ctx, ctx.located, ctx.rule.kind,
                          "model name takes the proxy's naming: " + site.name +
                              " -> " + site.to);
  // The URL's edits as the endpoint-literal rule makes them, and the name's.
  std::vector<Edit> edits{*request->url_edit};
  edits.insert(edits.end(), d.key_edits.begin(), d.key_edits.end());
  edits.push_back(site.edit);
  noteKeyFlow(d.key, f);
  f.flow_envs = d.envs;
  f.related.push_back(std::move(sent));
  f.related.insert(f.related.end(), d.related.begin(), d.related.end());
  attachChange(ctx, f, std::move(edits));
  f.after = site.after;
  return f;
}

} // namespace keyshift::ts
