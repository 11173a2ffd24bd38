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

#include "match/cpp/env_summary.h"
#include "match/cpp/request_check.h"

#include "clang/Basic/SourceLocation.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class CXXConstructExpr;
class Decl;
class Expr;
class FunctionDecl;
class Stmt;
class StringLiteral;
class VarDecl;
} // namespace clang

namespace keyshift::cpp::detail {

class SummaryBook;

class RequestKeys {
public:
  /// `key_var_moves(name)`: whether a read of environment variable `name`
  /// becomes a read of K in this run.
  /// `callers`: what the requests of other TUs that use a URL through an
  /// escape send (may be null: not known yet).
  RequestKeys(SummaryBook &book,
              std::function<bool(const std::string &)> key_var_moves,
              const CallerChecks *callers);

  /// What the requests using `url` send, and whether it may move.
  RequestCheck check(const clang::StringLiteral *url);
  /// What the requests of this TU that use `target` (a function or
  /// variable another TU defines, holding an OpenAI URL) send.
  RequestCheck checkUsersOf(const clang::Decl *target);
  /// Every escape check() met (RequestCheck::escapes).
  const std::map<std::string, std::string> &escapes() const { return escapes_; }
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
  /// The request a URL handed to the application's function `call` calls
  /// makes there, with the call's arguments for its parameters.
  /// (`tainted`: what holds the URL in `caller`, or `literal` is it;
  /// `depth`: calls so far.)
  RequestCheck verdictAt(const clang::CallExpr *call,
                         const clang::FunctionDecl *caller,
                         const std::set<const clang::Decl *> &tainted,
                         int depth, const clang::Stmt *literal);
  /// The requests `fn` makes with what `tainted` (its locals or
  /// parameters) holds, handing it to other functions.
  RequestCheck handedOn(const clang::FunctionDecl *fn,
                        std::set<const clang::Decl *> tainted, int depth);
  static constexpr int kMaxHandoffs = 4;
  /// The functions referring to `target`, from one walk of the TU.
  const std::set<const clang::FunctionDecl *> &
  usersOfDecl(const clang::Decl *target);
  std::optional<
      std::map<const clang::Decl *, std::set<const clang::FunctionDecl *>>>
      users_;
  /// A URL set on a member of a local object (a client's options): it
  /// goes with the credentials set on the same object, or stays.
  RequestCheck objectVerdict(const clang::FunctionDecl *fn,
                             const clang::VarDecl *object,
                             const clang::Expr *member);
  /// Whether `call` is given the Authorization header `caller` builds
  /// (then the callee is that request's transport).
  bool carriesHeader(const clang::CallExpr *call,
                     const clang::FunctionDecl *caller);
  /// A URL handed to a class's constructor: what the object keeps is not
  /// followed, so it stays.
  RequestCheck handedToConstructor(const clang::CXXConstructExpr *construct);
  /// A URL handed to what keyshift cannot see into: it stays.
  RequestCheck unseenCallee(const clang::CallExpr *call);
  std::map<
      std::pair<const clang::FunctionDecl *, std::set<const clang::Decl *>>,
      RequestCheck>
      handed_on_;
  /// A URL written where keyshift does not follow it: it stays.
  RequestCheck keptAway(clang::SourceLocation at);
  /// Whether `call`'s result carries the argument holding `literal` (its
  /// callee's summary returns that parameter).
  bool returnsArgument(const clang::CallExpr *call, const clang::Stmt *literal);
  /// What `fn`'s Authorization headers are built from, in its own terms;
  /// nullopt without one.
  std::optional<std::vector<ValueSource>>
  headerSources(const clang::FunctionDecl *fn);
  /// `request` says what sends the key ("the request in post() (…)"),
  /// `how` where it puts it.
  RequestCheck judge(const std::vector<ValueSource> &sources,
                     const std::string &request,
                     const std::string &how = "in its Authorization header");

  /// The requests using what `start` (the URL's variable or function)
  /// holds, following the functions that return it.
  RequestCheck usersOf(const clang::Decl *start,
                       std::set<const clang::FunctionDecl *> requests,
                       bool own);

  clang::ASTContext &ast_;
  SummaryBook &book_;
  const CallerChecks *callers_;
  std::map<std::string, std::string> escapes_;
  std::function<bool(const std::string &)> key_var_moves_;
  std::map<const clang::FunctionDecl *, RequestCheck> cache_;
  std::map<const clang::StringLiteral *, RequestCheck> checks_; ///< by URL
  bool untraced_ = false;
};

} // namespace keyshift::cpp::detail

#endif // KEYSHIFT_MATCH_CPP_REQUEST_KEY_H_
