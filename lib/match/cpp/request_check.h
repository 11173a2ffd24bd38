// What the requests using one OpenAI URL send, as plain data: a TU makes
// it for its own requests (request_key.h), and the engine carries it
// across TUs for URLs that leave theirs (cross_tu_calls.h).
#ifndef KEYSHIFT_MATCH_CPP_REQUEST_CHECK_H_
#define KEYSHIFT_MATCH_CPP_REQUEST_CHECK_H_

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace keyshift::cpp::detail {

struct RequestCheck {
  /// Why the URL must stay ("the request in post() (http.cc:31) sends
  /// getenv("OPENAI_ADMIN_KEY") (http.cc:12) ..."); nullopt when no request
  /// with an Authorization header uses it, or their keys move.
  std::optional<std::string> blocked;
  /// A request kept on OpenAI sends a key keyshift cannot name.
  bool untraced = false;
  /// The variables whose renames to K the moving requests rely on (sorted):
  /// the URL moves only if they do (the repository plan's flows).
  std::vector<std::string> relies_on;
  /// Every variable the requests send a getenv read of (sorted), moving or
  /// not: what stays on OpenAI with the URL when it stays.
  std::vector<std::string> sends;
  /// USR -> name of the functions and variables through which the URL
  /// leaves the TU (defined in its source file, visible to others): the
  /// requests of other TUs that use them decide too.
  std::map<std::string, std::string> escapes;
};

/// Adds what `more`'s requests send to `into`: the first reason to stay
/// wins, the variables relied on and the escapes add up.
inline void mergeCheck(RequestCheck &into, const RequestCheck &more) {
  if (!into.blocked)
    into.blocked = more.blocked;
  into.untraced = into.untraced || more.untraced;
  into.relies_on.insert(into.relies_on.end(), more.relies_on.begin(),
                        more.relies_on.end());
  into.sends.insert(into.sends.end(), more.sends.begin(), more.sends.end());
  for (std::vector<std::string> *names : {&into.relies_on, &into.sends}) {
    std::sort(names->begin(), names->end());
    names->erase(std::unique(names->begin(), names->end()), names->end());
  }
  into.escapes.insert(more.escapes.begin(), more.escapes.end());
}

/// By the USR of the function or variable other TUs use the URL through.
using CallerChecks = std::map<std::string, RequestCheck>;

} // namespace keyshift::cpp::detail

#endif // KEYSHIFT_MATCH_CPP_REQUEST_CHECK_H_
