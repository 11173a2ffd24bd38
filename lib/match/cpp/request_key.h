// Issue 9's hard rule for raw HTTP in C++: an OpenAI URL literal moves to
// the proxy only when the key its request sends moves too. A request is a
// function holding an `Authorization: Bearer` header (libcurl's
// CURLOPT_HTTPHEADER, cpr, httplib alike) or a CURLOPT_XOAUTH2_BEARER
// option; the key is traced back from that header through local variables
// to its sources (value_tracer.h), through the application's functions
// as their summaries say. Only `getenv` of a variable keyshift renames to
// K moves; a parameter, a field, a function no TU summarises,
// OPENAI_ADMIN_KEY, a literal key: the URL is reported with the chain
// instead.
#ifndef KEYSHIFT_MATCH_CPP_REQUEST_KEY_H_
#define KEYSHIFT_MATCH_CPP_REQUEST_KEY_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class StringLiteral;
} // namespace clang

namespace keyshift::cpp::detail {

class SummaryBook;

/// What the requests using one URL literal send.
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
};

class RequestKeys {
public:
  /// `key_var_moves(name)`: whether a read of environment variable `name`
  /// becomes a read of K in this run.
  RequestKeys(SummaryBook &book,
              std::function<bool(const std::string &)> key_var_moves);

  /// What the requests using `url` send, and whether it may move.
  RequestCheck check(const clang::StringLiteral *url);
  /// The OpenAI URL literals sent beside a value built at `at` (a request
  /// body): those the function around it holds, directly or through a
  /// variable initialised with one, in source order.
  std::vector<const clang::StringLiteral *>
  urlsBeside(const clang::StringLiteral *at);
  /// Whether a request kept on OpenAI sends a key whose variable is not
  /// known (a parameter, a field, another function's result): it may be an
  /// OPENAI_API_KEY read renamed to K elsewhere in the file, so no such read
  /// may be renamed (the proxy key would go to OpenAI).
  bool sendsUntracedKey() const { return untraced_; }

private:
  /// Per request function (`blocked` nullopt: no auth header, or its key
  /// moves).
  const RequestCheck &verdict(const clang::FunctionDecl *fn);

  clang::ASTContext &ast_;
  SummaryBook &book_;
  std::function<bool(const std::string &)> key_var_moves_;
  std::map<const clang::FunctionDecl *, RequestCheck> cache_;
  std::map<const clang::StringLiteral *, RequestCheck> checks_; ///< by URL
  bool untraced_ = false;
};

} // namespace keyshift::cpp::detail

#endif // KEYSHIFT_MATCH_CPP_REQUEST_KEY_H_
