// Hand-written HTTP (issue 9, DECISIONS "Flows and the hard rule"): calls
// that send to a URL with a credential in their headers (requests, httpx,
// aiohttp, urllib, fetch, axios, or a session/client object's methods).
// The hard rule for them: an OpenAI URL moves to the proxy only together
// with the key its requests send, and a key read is renamed to K only when
// the URL it is sent to moves too. This file follows values within one
// file: where a URL literal or a key read goes (through string building,
// dict/object entries, names bound once, in any scope), and what a call
// sends; the actions decide (replace_url_prefix.cc, rename_env_var.cc).
#ifndef KEYSHIFT_MATCH_TREESITTER_RAW_REQUEST_H_
#define KEYSHIFT_MATCH_TREESITTER_RAW_REQUEST_H_

#include "match/treesitter/file_context.h"

#include <optional>
#include <string>
#include <vector>

namespace keyshift::ts {

/// One place a value ends up: the call it is an argument of, or, when the
/// call is null, what else happens to it (`unknown`: returned, exported,
/// compared...; empty when nothing can send it, such as a JSX link).
struct ValueSink {
  TSNode call{};
  TSNode at{}; ///< the expression at the sink
  /// The header entry it went through on its way ("Authorization"), if any.
  std::string header;
  std::string unknown;
  /// The option entry it is the value of at the call (`apiKey`), if any.
  std::string option;
};

/// Every sink of `value`, following names bound once (a module constant
/// and its reads in this file); a module-level name no code here reads is
/// an unknown sink (another module may import it).
std::vector<ValueSink> sinksOf(const FileContext &file, TSNode value);

/// What a call sends as its credential.
struct RequestAuth {
  enum class State {
    None,    ///< no credential: a one-shot request without auth headers
    Key,     ///< `key` is sent (Bearer token, api-key header)
    Unknown, ///< headers, auth or a session keyshift cannot see
  } state = State::None;
  TSNode key{};
  /// Key: the header entry that sends it (`"Authorization": ...`), when
  /// it is an entry of a dict or object literal.
  TSNode entry{};
  std::string why; ///< Unknown: what keyshift cannot see
};
RequestAuth requestAuth(const FileContext &file, TSNode call);

/// Whether `call` builds an OpenAI SDK or LangChain client, also through a
/// module of the repository that re-exports the class (FlowQuery::reExported).
bool isClientCall(const FileContext &file, TSNode call);

/// The client classes and factories a module of the repository may
/// re-export (`export { OpenAI } from "openai"`), as import symbols.
const std::vector<std::string> &reExportableClients();

/// `call`'s callee as imported from a module of the repository
/// ("./sdk.OpenAI"), when there is a plan to ask about it; else nullopt.
std::optional<std::string> throughLocalModule(const FileContext &file,
                                              TSNode call);

/// The URL argument of a request call: its first positional argument, or
/// its url/base_url/baseURL entry (keyword or options object); null if none.
TSNode requestUrl(const FileContext &file, TSNode call);

/// The string literal a URL expression starts with, following names bound
/// once: `URL`, `f"{BASE}/chat"`, `BASE + "/x"` -> BASE's literal. Null
/// when the URL comes from anything else (a parameter, a config object).
TSNode urlHead(const FileContext &file, TSNode url);

/// Where `node` is, for messages: "file.py:12".
std::string siteOf(const FileContext &file, TSNode node);

} // namespace keyshift::ts

#endif // KEYSHIFT_MATCH_TREESITTER_RAW_REQUEST_H_
