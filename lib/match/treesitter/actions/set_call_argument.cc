// set-call-argument: make a client construction send to the proxy.
//   OpenAI()                    -> OpenAI(base_url="B",
//   api_key=os.environ["K"]) new OpenAI({ timeout: 30 }) -> new OpenAI({
//   timeout: 30, baseURL: "B",
//                                               apiKey: process.env.K })
// The one hard rule: a client is pointed at the proxy only if its key is,
// or becomes in the same change group, a read of K. So the group also
// carries the key's own rewrite (OPENAI_API_KEY -> K, a literal key -> a
// read of K) and the URL's (an OpenAI URL literal or OPENAI_BASE_URL read
// -> B); these are the very edits the env-key-ref, hardcoded-key and
// endpoint-literal rules make, so they dedupe, and if any of them cannot
// apply, none does. Where it cannot tell, it reports instead: spread
// options or **kwargs may already carry the settings, a key from an
// expression may be a real OpenAI key.
#include "base/ascii_case.h"
#include "match/finding_text.h"
#include "match/treesitter/actions/action.h"
#include "match/treesitter/layout.h"
#include "match/url_prefix.h"

#include <algorithm>

namespace keyshift::ts {
namespace {

const OptionEntry *findEntry(const std::vector<OptionEntry> &entries,
                             const std::vector<std::string> &names) {
  for (const OptionEntry &e : entries)
    if (!e.name.empty() &&
        std::find(names.begin(), names.end(), e.name) != names.end())
      return &e;
  return nullptr;
}

/// What a key entry's value is read from: `{ apiKey }` reads the local
/// apiKey (a shorthand property is its own value; a method has none).
TSNode keyValueOf(const OptionEntry &key) {
  if (ts_node_is_null(key.value) &&
      nodeType(key.node) == "shorthand_property_identifier")
    return key.node;
  return key.value;
}

std::string spellEntry(const ActionContext &ctx, EntryStyle style,
                       const std::string &name, const std::string &value) {
  switch (style) {
  case EntryStyle::Keyword:
    return name + "=" + value;
  case EntryStyle::Property:
    return name + ": " + value;
  case EntryStyle::QuotedKey:
    return ctx.spelling.literal(name) + ": " + value;
  }
  return name + "=" + value;
}

/// The edits adding `items` to the options, however they are written.
std::vector<Edit> addEntries(const ActionContext &ctx, TSNode call,
                             const OptionList &opts,
                             const std::vector<std::string> &items) {
  const std::string &id = ctx.rule.id;
  if (ts_node_is_null(opts.list))
    // `new OpenAI`: the options need parentheses of their own.
    return {Edit{ByteRange{ts_node_end_byte(call), 0},
                 "({ " + joinItems(items) + " })", id}};
  if (opts.new_object)
    // Keep whatever sits between the parentheses (spaces, a comment).
    return {Edit{ByteRange{ts_node_start_byte(opts.list) + 1, 0},
                 "{ " + joinItems(items) + " }", id}};
  ListShape shape;
  shape.open = ts_node_start_byte(opts.list) + 1;
  shape.close = ts_node_end_byte(opts.list) - 1;
  for (const OptionEntry &e : opts.entries)
    shape.entries.push_back(nodeRange(e.node));
  shape.comments = opts.comments;
  shape.pad = opts.style == EntryStyle::Property ? " " : "";
  shape.indent_unit = ctx.dialect().indentUnit();
  return insertEntries(ctx.text(), shape, items, id);
}

/// `migrate --shim`: `OpenAI(...)` -> `wrap(OpenAI(...))`, unless the rule
/// names no wrapper, the file cannot load it, or the construction already
/// is its argument.
std::vector<Edit> wrapEdits(const ActionContext &ctx, TSNode call) {
  const std::string &wrapper = ctx.rule.action.shim_wrap;
  if (!ctx.options.shim || wrapper.empty())
    return {};
  TSNode list = ctx.file.parent(call);
  if (ctx.dialect().isArgumentList(list)) {
    TSNode outer = ctx.file.parent(list);
    auto callee = ctx.file.scopes.resolve(ctx.dialect().callee(outer));
    if (callee == ctx.spelling.symbolFor(wrapper))
      return {};
  }
  std::string name = ctx.spelling.wrapName(wrapper);
  return {Edit{ByteRange{ts_node_start_byte(call), 0}, name + "(", ctx.rule.id},
          Edit{ByteRange{ts_node_end_byte(call), 0}, ")", ctx.rule.id}};
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

/// Options that make an SDK client authenticate without an API key, or
/// pin it to a region the proxy must serve too (DECISIONS "data residency").
bool isNonKeyAuth(std::string_view name) {
  for (std::string_view n :
       {"provider", "workload_identity", "workloadIdentity", "dataResidency",
        "data_residency", "azure_ad_token_provider", "azureADTokenProvider",
        "azure_ad_token", "azureADToken"})
    if (name == n)
      return true;
  return false;
}

/// The option a client takes extra headers by, for the proxy's required
/// headers (ProxyTarget::headers): the SDKs' own spelling, next to theirs
/// for the base URL; "" where keyshift does not know it.
std::string headersOption(const std::string &url_name) {
  if (url_name == "base_url")
    return "default_headers";
  if (url_name == "baseURL")
    return "defaultHeaders";
  return "";
}

/// Whether `headers` sets `name` (HTTP header names ignore case).
bool setsHeader(const OptionList &headers, std::string_view name) {
  return std::any_of(
      headers.entries.begin(), headers.entries.end(),
      [&](const OptionEntry &e) { return equalsIgnoringCase(e.name, name); });
}

Finding review(const ActionContext &ctx, TSNode node, std::string why) {
  return makeFinding(ctx, node, FindingKind::NeedsReview, std::move(why));
}

/// A client left on OpenAI that passes no key keyshift can see reads the
/// SDK's default variable: a consumer of that flow that does not move.
void readsSdkDefaultKey(Finding &f) {
  f.flow_envs.emplace_back("OPENAI_API_KEY");
}

} // namespace

std::optional<Finding> setCallArgument(const ActionContext &ctx) {
  TSNode call = ctx.located;
  const Dialect &d = ctx.dialect();
  const auto &action = ctx.rule.action;
  const std::string &url_name = action.base_url_params.front();
  const std::string &key_name = action.api_key_params.front();
  OptionsOrReview read = d.options(
      call, OptionNames{action.base_url_params, action.api_key_params},
      ctx.file);
  if (!read.options) {
    if (read.review.empty())
      return std::nullopt;
    Finding f = review(ctx, call, read.review);
    readsSdkDefaultKey(f);
    f.opaque_key = true; // its options may carry any key
    return f;
  }
  const OptionList &opts = *read.options;
  // A client that authenticates some other way gets no api_key/base_url
  // (the SDK rejects the mix at construction), and the proxy would have to
  // offer the same scheme: a person decides.
  for (const OptionEntry &e : opts.entries)
    if (isNonKeyAuth(e.name))
      return review(
          ctx, call,
          (e.name.find("esidency") != std::string::npos
               ? "client is pinned to a data residency region (" + e.name + ")"
               : "client authenticates with " + e.name + ", not an API key") +
              ": the proxy must offer the same; migrate it by hand");
  const OptionEntry *key = findEntry(opts.entries, action.api_key_params);
  KeyValue kv = key ? classifyKeyValue(ctx, keyValueOf(*key)) : KeyValue{};
  // A client that stays on OpenAI with a key read of X is a consumer of X
  // that does not move: the plan keeps every read of X as it is.
  auto reviewed = [&](std::string why) {
    Finding f = review(ctx, call, std::move(why));
    if (key) {
      noteKeyFlow(kv, f);
      f.opaque_key = kv.opaque;
    } else
      readsSdkDefaultKey(f);
    return f;
  };

  // `{ apiKey: a, apiKey: b }`: the last one wins at run time; keyshift
  // would read the first. Not worth guessing.
  for (const auto *names : {&action.base_url_params, &action.api_key_params}) {
    std::size_t seen = 0;
    for (const OptionEntry &e : opts.entries)
      seen += std::find(names->begin(), names->end(), e.name) != names->end();
    if (seen > 1)
      return reviewed("client options set " + url_name + " or " + key_name +
                      " twice: migrate it by hand");
  }
  // `configuration.baseURL` (LangChain JS): the base URL is an entry of
  // the object given as another option.
  const std::size_t dot = url_name.find('.');
  const bool nested = dot != std::string::npos;
  const std::string outer_name = nested ? url_name.substr(0, dot) : "";
  const std::string inner_name = nested ? url_name.substr(dot + 1) : url_name;
  const OptionEntry *outer =
      nested ? findEntry(opts.entries, {outer_name}) : nullptr;
  std::optional<OptionList> inner;
  const OptionEntry *url = nullptr;
  if (!nested) {
    url = findEntry(opts.entries, action.base_url_params);
  } else if (outer) {
    if (ts_node_is_null(outer->value))
      return reviewed(outer_name + " comes from a shorthand property or "
                                   "accessor: migrate it by hand");
    OptionsOrReview read_inner = d.nestedOptions(
        outer->value, {action.base_url_params, action.api_key_params},
        ctx.file);
    if (!read_inner.options)
      return reviewed(read_inner.review);
    inner = std::move(read_inner.options);
    url = findEntry(inner->entries, {inner_name});
  }

  std::vector<Edit> edits;
  if (url) {
    TSNode value = d.unwrap(url->value);
    bool has_value = !ts_node_is_null(value);
    bool bare_host = false;
    auto url_edit =
        has_value
            ? urlPrefixEdit(ctx, value, url::openAiUrlPrefixes(), &bare_host)
            : std::nullopt;
    // `process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1"`
    Fallback fb = has_value ? d.splitFallback(value, ctx.text()) : Fallback{};
    TSNode env_node = d.unwrap(fb.primary);
    TSNode fallback = d.unwrap(fb.fallback);
    auto env = ts_node_is_null(env_node) ? std::nullopt
                                         : d.envRead(env_node, ctx.file);
    bool openai_env = env && (env->name == "OPENAI_BASE_URL" ||
                              env->name == "OPENAI_API_BASE");
    // `baseURL: undefined`, `base_url=None`: the SDK's default, OpenAI.
    bool sdk_default = has_value && d.isNullLiteral(value);
    if (bare_host)
      return reviewed("bare OpenAI host as " + url_name +
                      ", and the proxy base URL does not end in /v1; "
                      "migrate it by hand");
    if (url_edit) {
      edits.push_back(*url_edit);
    } else if (openai_env && !ctx.proxy.base_url_env.empty()) {
      edits.push_back(env->rename(ctx.proxy.base_url_env, ctx.rule.id));
      bool fallback_bare = false;
      if (!ts_node_is_null(fallback))
        if (auto e = urlPrefixEdit(ctx, fallback, url::openAiUrlPrefixes(),
                                   &fallback_bare))
          edits.push_back(*e);
    } else if (openai_env || sdk_default) {
      // Left as it is, the URL would default to OpenAI while the key
      // becomes the proxy's: the value must be the proxy URL.
      edits.push_back(
          Edit{nodeRange(value), ctx.spelling.baseUrlExpr(), ctx.rule.id});
    } else if (has_value && literalHost(ctx, value) != url::HostKind::Other) {
      // `https://eu.api.openai.com/v1`, `https://${region}...`: OpenAI
      // still, or maybe; its key must stay the one OpenAI expects.
      return reviewed(
          "client is pinned to " +
          std::string(literalHost(ctx, value) == url::HostKind::OpenAi
                          ? "an OpenAI regional or mTLS host"
                          : "a host built at run time") +
          " (" + snippet(ctx.file.textOf(value)) +
          "): the proxy must offer the same; migrate it by hand");
    } else {
      // A URL from an expression (`settings.url`) may hold OpenAI's URL:
      // only a non-OpenAI literal, the proxy's own variable, or a key that
      // already is K makes the client proxied. Otherwise renaming its
      // OPENAI_API_KEY read could send K to OpenAI: its key flow stays.
      bool literal = has_value && d.readString(value, ctx.text());
      bool proxy_env = env && env->name == ctx.proxy.base_url_env &&
                       !ctx.proxy.base_url_env.empty();
      bool sends_k = key && kv.env == ctx.proxy.key_env;
      if (!literal && !proxy_env && !sends_k) {
        Finding f = reviewed(
            "client sends to a base URL from an expression (" +
            snippet(ctx.file.textOf(has_value ? value : url->node)) +
            ") that may be OpenAI's, with " +
            (key ? (kv.env.empty() ? std::string("a key keyshift cannot trace")
                                   : "the key read of " + kv.env)
                 : std::string("the SDK's default key (OPENAI_API_KEY)")) +
            ", not " + ctx.proxy.key_env +
            ": renaming that key could send the proxy key to OpenAI; "
            "migrate it by hand");
        f.blocks_base_url = true;
        return f;
      }
      Finding f = makeFinding(ctx, call, FindingKind::AlreadyProxied,
                              "client already sends to a non-OpenAI base "
                              "URL: left as is");
      // A URL from an expression may be an OpenAI literal elsewhere in the
      // file; with a key not known to be K it must not move there alone.
      if (!literal && (!key || !kv.migratable))
        f.blocks_base_url = true;
      // --shim still adds resilience to a client that is already proxied.
      if (auto wrap = wrapEdits(ctx, call); !wrap.empty())
        attachChange(ctx, f, std::move(wrap));
      return f;
    }
  }

  if (key) {
    if (!kv.migratable)
      return reviewed(kv.why + ": pointing this client at the proxy could send "
                               "an OpenAI key to it; migrate it by hand");
    if (kv.edit)
      edits.push_back(*kv.edit);
  }
  // Without a key the SDK reads OPENAI_API_KEY, and code that sets it from
  // a value keyshift cannot check (a vault, a parameter) is feeding this
  // client: that value may be an OpenAI key, so the client stays with it.
  if (!key && ctx.file.flows)
    if (auto writer = ctx.file.flows->setByCode("OPENAI_API_KEY")) {
      Finding f = reviewed("relies on OPENAI_API_KEY, which " + writer->file +
                           ":" + std::to_string(writer->line) +
                           " sets from a value keyshift cannot check: "
                           "migrate both by hand");
      f.related.push_back(*writer);
      return f;
    }
  // The proxy answers nothing without its headers: a client that cannot
  // get them stays. Headers of its own in a literal take the proxy's too.
  const std::string headers_option = headersOption(url_name);
  std::optional<OptionList> own_headers;
  if (!ctx.proxy.headers.empty()) {
    if (headers_option.empty() || nested)
      return reviewed("the proxy needs headers (" + headerList(ctx.proxy) +
                      ") and keyshift does not know how this client takes "
                      "them: migrate it by hand");
    if (const OptionEntry *own = findEntry(opts.entries, {headers_option})) {
      OptionsOrReview read_own =
          ts_node_is_null(own->value)
              ? OptionsOrReview{}
              : d.nestedOptions(own->value,
                                {action.base_url_params, action.api_key_params},
                                ctx.file);
      if (!read_own.options)
        return reviewed("the proxy needs headers (" + headerList(ctx.proxy) +
                        ") and the client's " + headers_option +
                        " is not a literal keyshift can add to: add them "
                        "there and migrate it by hand");
      own_headers = std::move(read_own.options);
    }
  }

  std::vector<std::string> items;
  const std::string base_url = ctx.spelling.baseUrlExpr();
  if (!url && !nested)
    items.push_back(spellEntry(ctx, opts.style, url_name, base_url));
  else if (!url && !outer)
    items.push_back(spellEntry(
        ctx, opts.style, outer_name,
        "{ " + spellEntry(ctx, EntryStyle::Property, inner_name, base_url) +
            " }"));
  else if (!url)
    for (Edit &e :
         addEntries(ctx, call, *inner,
                    {spellEntry(ctx, inner->style, inner_name, base_url)}))
      edits.push_back(std::move(e));
  if (!key)
    items.push_back(
        spellEntry(ctx, opts.style, key_name, ctx.spelling.keyExpr()));
  if (!ctx.proxy.headers.empty()) {
    std::vector<std::string> headers;
    for (const ProxyHeader &h : ctx.proxy.headers)
      if (!own_headers || !setsHeader(*own_headers, h.name)) // theirs stays
        headers.push_back(ctx.spelling.literal(h.name) + ": " +
                          ctx.spelling.envRead(h.env));
    std::string pad = opts.style == EntryStyle::Property ? " " : "";
    if (!own_headers)
      items.push_back(spellEntry(ctx, opts.style, headers_option,
                                 "{" + pad + joinItems(headers) + pad + "}"));
    else if (!headers.empty())
      for (Edit &e : addEntries(ctx, call, *own_headers, headers))
        edits.push_back(std::move(e));
  }
  if (!items.empty())
    for (Edit &e : addEntries(ctx, call, opts, items))
      edits.push_back(std::move(e));
  for (Edit &e : wrapEdits(ctx, call))
    edits.push_back(std::move(e));
  // Code written inside a Python f-string's braces must not reuse its
  // quotes (a SyntaxError before 3.12, which tree-sitter cannot tell).
  bool quotes = std::any_of(edits.begin(), edits.end(), [](const Edit &e) {
    return e.replacement.find_first_of("\"'") != std::string::npos;
  });
  if (quotes && !d.quotesAllowedAt(call, ctx.file))
    return reviewed("client built inside an " + std::string(d.formattedName()) +
                    ": migrate it by hand");
  Finding f = makeFinding(ctx, call);
  if (!ctx.proxy.headers.empty())
    f.message += " (with the proxy's headers: " + headerList(ctx.proxy) + ")";
  if (opts.through_local) // the change is in the local's literal: show it
    f.before = snippet(ctx.file.textOf(opts.list));
  noteKeyFlow(kv, f);
  if (!edits.empty())
    attachChange(ctx, f, mergeInsertions(std::move(edits)));
  if (opts.through_local && f.change)
    if (auto after =
            textAfter(ctx.text(), nodeRange(opts.list), f.change->edits))
      f.after = std::move(*after);
  return f;
}

} // namespace keyshift::ts
