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

#include <algorithm>

namespace keyshift::ts {
namespace {

/// `JSON.stringify(body)`, `json.dumps(body)`: the text sent is the body's.
bool serializes(const FileContext &file, TSNode call) {
  TSNode callee = file.dialect.callee(call);
  auto symbol = file.scopes.resolve(callee);
  std::string name = symbol ? *symbol : std::string(file.textOf(callee));
  return name == "JSON.stringify" || name == "json.dumps";
}

/// A request to an OpenAI URL that sends the body.
struct BodyRequest {
  TSNode call{};
  TSNode url{}; ///< the URL's literal head
  std::optional<Edit> url_edit;
  bool bare_host = false;
};

/// Everywhere the body goes: the requests to OpenAI URLs that send it, and
/// the first other place (another host, a request whose URL keyshift
/// cannot trace, a call or a value it does not follow), whose name must
/// stay as it is.
struct BodySinks {
  std::vector<BodyRequest> requests;
  std::string elsewhere; ///< empty when it goes nowhere else
  TSNode elsewhere_at{};
};

void collectSinks(const ActionContext &ctx, TSNode body, int depth,
                  BodySinks &out) {
  const FileContext &file = ctx.file;
  auto other = [&](TSNode at, std::string why) {
    if (out.elsewhere.empty()) {
      out.elsewhere = siteOf(file, at) + ": " + std::move(why);
      out.elsewhere_at = at;
    }
  };
  for (const ValueSink &sink : sinksOf(file, body)) {
    if (ts_node_is_null(sink.call)) {
      if (!sink.unknown.empty())
        other(sink.at, "its value is " + sink.unknown);
      continue;
    }
    if (serializes(file, sink.call) && depth < 2) {
      collectSinks(ctx, sink.call, depth + 1, out);
      continue;
    }
    TSNode url = isClientCall(file, sink.call) || !sink.header.empty()
                     ? TSNode{}
                     : requestUrl(file, sink.call);
    TSNode head = ts_node_is_null(url) ? url : urlHead(file, url);
    if (ts_node_is_null(head)) {
      other(sink.call,
            "it is passed to " +
                snippet(file.textOf(file.dialect.callee(sink.call))) +
                ", which keyshift does not follow to a URL");
      continue;
    }
    BodyRequest r{sink.call, head, std::nullopt, false};
    r.url_edit =
        urlPrefixEdit(ctx, head, ctx.rule.action.prefixes, &r.bare_host);
    if (r.url_edit || r.bare_host)
      out.requests.push_back(std::move(r));
    else
      other(sink.call, "it is also sent to " + snippet(file.textOf(head)));
  }
}

} // namespace

std::optional<Finding> setBodyModelName(const ActionContext &ctx) {
  TSNode entry = ctx.file.parent(ctx.located);
  TSNode body = ctx.file.parent(entry);
  if (ts_node_is_null(body))
    return std::nullopt;
  BodySinks sinks;
  collectSinks(ctx, body, 0, sinks);
  if (sinks.requests.empty())
    return std::nullopt; // not a body sent to the OpenAI API
  std::vector<RelatedSite> sent;
  for (const BodyRequest &r : sinks.requests)
    sent.push_back(relatedAt(ctx, r.call,
                             "a request that sends this body to " +
                                 snippet(ctx.file.textOf(r.url))));
  ModelNameSite site = modelNameSite(ctx);
  if (site.settled) {
    site.settled->related.insert(site.settled->related.end(), sent.begin(),
                                 sent.end());
    return site.settled;
  }
  auto reported = [&](std::string why) {
    Finding f = reportedModelName(ctx, std::move(why));
    f.related.insert(f.related.end(), sent.begin(), sent.end());
    return f;
  };
  // The name moves only if every place the body goes moves with it.
  if (!sinks.elsewhere.empty())
    return reported("the body goes elsewhere too (" + sinks.elsewhere +
                    "), where the name must stay as it is");
  std::vector<Edit> edits;
  Finding f = makeFinding(ctx, ctx.located, ctx.rule.kind,
                          "model name takes the proxy's naming: " + site.name +
                              " -> " + site.to);
  for (const BodyRequest &r : sinks.requests) {
    if (r.bare_host)
      return reported("a request's URL is a bare OpenAI host, which keyshift "
                      "does not move");
    UrlDecision d = decideUrl(ctx, r.url);
    if (!d.moves)
      return reported("the request stays on OpenAI, which knows the name as "
                      "it is (" +
                      d.why + ")");
    // The URL's edits as the endpoint-literal rule makes them.
    edits.push_back(*r.url_edit);
    edits.insert(edits.end(), d.key_edits.begin(), d.key_edits.end());
    noteKeyFlow(d.key, f);
    f.flow_envs.insert(f.flow_envs.end(), d.envs.begin(), d.envs.end());
    f.related.insert(f.related.end(), d.related.begin(), d.related.end());
  }
  std::vector<std::string> envs; // each once, in order
  for (const std::string &env : f.flow_envs)
    if (std::find(envs.begin(), envs.end(), env) == envs.end())
      envs.push_back(env);
  f.flow_envs = std::move(envs);
  if (!site.why.empty())
    return reported(site.why);
  edits.push_back(site.edit);
  f.related.insert(f.related.begin(), sent.begin(), sent.end());
  attachChange(ctx, f, std::move(edits));
  f.after = site.after;
  return f;
}

} // namespace keyshift::ts
