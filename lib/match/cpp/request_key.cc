// Includes Clang's AST headers: one more costly TU, kept apart from
// clang_backend.cc so each stays about one thing.
#include "match/cpp/request_key.h"

#include "match/cpp/value_tracer.h"
#include "match/secret_literal.h"
#include "match/url_prefix.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>
#include <vector>

namespace keyshift::cpp::detail {
namespace {

/// The nearest function around `node`, through the parent map.
template <typename Node>
const clang::FunctionDecl *enclosingFunction(clang::ASTContext &ast,
                                             const Node &node) {
  clang::DynTypedNodeList parents = ast.getParents(node);
  while (!parents.empty()) {
    const clang::DynTypedNode &p = parents[0];
    if (const auto *fn = p.get<clang::FunctionDecl>())
      return fn;
    parents = ast.getParents(p);
  }
  return nullptr;
}

/// Where a key comes from, and whether it reaches the proxy as K.
struct Source {
  bool moves = false;
  std::string what;
  std::string env; ///< the variable of a getenv read, if named
  /// Not a getenv of a named variable nor a literal key: what it holds,
  /// keyshift cannot tell.
  bool opaque = true;
};

/// A traced source as a request sends it: only a read of a variable that
/// becomes K moves; the request function's own parameters are whatever
/// its callers give.
Source asSent(const ValueSource &v,
              const std::function<bool(const std::string &)> &moves) {
  switch (v.kind) {
  case ValueSource::Kind::Env:
    return Source{moves(v.env), v.what, v.env, false};
  case ValueSource::Kind::Key:
    return Source{false, v.what, "", false};
  default:
    return Source{false, v.what, "", true};
  }
}

bool mentionsBearer(llvm::StringRef text) {
  std::string lower = text.lower();
  std::size_t at = lower.find("bearer");
  return at != std::string::npos &&
         (at + 6 == lower.size() || lower[at + 6] == ' ');
}

/// Authorization headers of one function: literals saying "Bearer " and
/// libcurl's CURLOPT_XOAUTH2_BEARER values.
class AuthFinder : public clang::RecursiveASTVisitor<AuthFinder> {
public:
  bool VisitStringLiteral(clang::StringLiteral *lit) {
    if (lit->getCharByteWidth() == 1 && mentionsBearer(lit->getString()))
      headers.push_back(lit);
    return true;
  }
  bool VisitCallExpr(clang::CallExpr *call) {
    const clang::FunctionDecl *fd = call->getDirectCallee();
    if (!fd || fd->getName() != "curl_easy_setopt" || call->getNumArgs() < 3)
      return true;
    if (const auto *opt = llvm::dyn_cast<clang::DeclRefExpr>(
            call->getArg(1)->IgnoreParenImpCasts()))
      if (opt->getDecl()->getName() == "CURLOPT_XOAUTH2_BEARER")
        bearer_values.push_back(call->getArg(2));
    return true;
  }
  std::vector<const clang::StringLiteral *> headers;
  std::vector<const clang::Expr *> bearer_values;
};

/// Functions that refer to `target` (a variable or a function).
class RefFinder : public clang::RecursiveASTVisitor<RefFinder> {
public:
  RefFinder(clang::ASTContext &ast, const clang::Decl *target)
      : ast_(ast), target_(target->getCanonicalDecl()) {}
  bool VisitDeclRefExpr(clang::DeclRefExpr *ref) {
    if (ref->getDecl()->getCanonicalDecl() == target_)
      if (const clang::FunctionDecl *fn = enclosingFunction(ast_, *ref))
        users.insert(fn);
    return true;
  }
  std::set<const clang::FunctionDecl *> users;

private:
  clang::ASTContext &ast_;
  const clang::Decl *target_;
};

/// `nodes` (declarations or expressions) in source order.
template <typename Node>
std::vector<const Node *> inSourceOrder(const clang::ASTContext &ast,
                                        const std::set<const Node *> &nodes) {
  std::vector<const Node *> out(nodes.begin(), nodes.end());
  const clang::SourceManager &sm = ast.getSourceManager();
  std::sort(out.begin(), out.end(), [&](const Node *a, const Node *b) {
    return sm.isBeforeInTranslationUnit(a->getBeginLoc(), b->getBeginLoc());
  });
  return out;
}

/// The OpenAI URL literals a function holds or reads through a variable.
class UrlFinder : public clang::RecursiveASTVisitor<UrlFinder> {
public:
  bool VisitStringLiteral(clang::StringLiteral *lit) {
    if (lit->getCharByteWidth() == 1 &&
        lit->getString().contains(url::kOpenAiHost))
      urls.insert(lit);
    return true;
  }
  bool VisitDeclRefExpr(clang::DeclRefExpr *ref) {
    if (const auto *var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl()))
      if (const clang::Expr *init = var->getInit();
          init && seen_.insert(var).second)
        TraverseStmt(const_cast<clang::Expr *>(init));
    return true;
  }
  std::set<const clang::StringLiteral *> urls;

private:
  std::set<const clang::VarDecl *> seen_;
};

bool hasAuthHeader(const clang::FunctionDecl *fn) {
  AuthFinder auth;
  auth.TraverseDecl(const_cast<clang::FunctionDecl *>(fn));
  return !auth.headers.empty() || !auth.bearer_values.empty();
}

/// Whether a return statement of `fn` refers to `target`.
bool returnsUseOf(const clang::FunctionDecl *fn, const clang::Decl *target) {
  class Returns : public clang::RecursiveASTVisitor<Returns> {
  public:
    explicit Returns(const clang::Decl *target)
        : target_(target->getCanonicalDecl()) {}
    bool VisitReturnStmt(clang::ReturnStmt *r) {
      inside_ = true;
      TraverseStmt(r->getRetValue());
      inside_ = false;
      return true;
    }
    bool VisitDeclRefExpr(clang::DeclRefExpr *ref) {
      found =
          found || (inside_ && ref->getDecl()->getCanonicalDecl() == target_);
      return true;
    }
    bool found = false;

  private:
    const clang::Decl *target_;
    bool inside_ = false;
  };
  if (!fn->getBody() || fn->getReturnType()->isVoidType())
    return false;
  Returns returns(target);
  returns.TraverseStmt(fn->getBody());
  return returns.found;
}

} // namespace

RequestKeys::RequestKeys(SummaryBook &book,
                         std::function<bool(const std::string &)> key_var_moves,
                         const CallerChecks *callers)
    : ast_(book.ast()), book_(book), callers_(callers),
      key_var_moves_(std::move(key_var_moves)) {}

const RequestCheck &RequestKeys::verdict(const clang::FunctionDecl *fn) {
  auto cached = cache_.find(fn);
  if (cached != cache_.end())
    return cached->second;
  AuthFinder auth;
  auth.TraverseDecl(const_cast<clang::FunctionDecl *>(fn));
  RequestCheck result;
  if (!auth.headers.empty() || !auth.bearer_values.empty()) {
    Tracer tracer(book_, fn);
    // The whole expression a header literal is part of: the string built
    // from it, or the library call it is passed to; an argument of the
    // application's own function (post(url, header)) is the header itself.
    for (const clang::StringLiteral *lit : auth.headers) {
      const clang::Stmt *top = lit;
      for (clang::DynTypedNodeList parents = ast_.getParents(*lit);
           !parents.empty() && parents[0].get<clang::Expr>();
           parents = ast_.getParents(parents[0])) {
        const auto *call = parents[0].get<clang::CallExpr>();
        if (call && !llvm::isa<clang::CXXOperatorCallExpr>(call) &&
            (!call->getDirectCallee() ||
             !passesValuesThrough(ast_, call->getDirectCallee())))
          break;
        top = parents[0].get<clang::Expr>();
      }
      tracer.trace(top);
    }
    for (const clang::Expr *value : auth.bearer_values)
      tracer.trace(value);
    std::string blocking;
    std::set<std::string> said;
    std::vector<Source> sent;
    for (const ValueSource &v : tracer.sources)
      sent.push_back(asSent(v, key_var_moves_));
    for (const Source &s : sent) {
      if (!s.moves && said.insert(s.what).second)
        blocking += (blocking.empty() ? "" : ", ") + s.what;
      result.untraced = result.untraced || (!s.moves && s.opaque);
      if (s.moves)
        result.relies_on.push_back(s.env);
      if (!s.env.empty())
        result.sends.push_back(s.env);
    }
    if (sent.empty()) {
      blocking = "a key keyshift could not trace";
      result.untraced = true;
    }
    untraced_ = untraced_ || result.untraced;
    if (!blocking.empty())
      result.blocked =
          "the request in " + fn->getNameAsString() + "() (" +
          where(ast_, fn->getLocation()) + ") sends " + blocking +
          " in its Authorization header, which does not move to the "
          "proxy: moving the URL alone would send that key there; "
          "move the request and its key together by hand";
  }
  return cache_.emplace(fn, std::move(result)).first->second;
}

std::vector<const clang::StringLiteral *>
RequestKeys::urlsBeside(const clang::StringLiteral *at) {
  const clang::FunctionDecl *fn = enclosingFunction(ast_, *at);
  if (!fn)
    return {};
  UrlFinder finder;
  finder.TraverseDecl(const_cast<clang::FunctionDecl *>(fn));
  return inSourceOrder(ast_, finder.urls);
}

RequestCheck RequestKeys::check(const clang::StringLiteral *url) {
  // The endpoint rule and every model name beside it ask about one URL;
  // finding the users of its variable walks the whole TU.
  auto cached = checks_.find(url);
  if (cached != checks_.end())
    return cached->second;
  std::set<const clang::FunctionDecl *> requests;
  const clang::FunctionDecl *fn = enclosingFunction(ast_, *url);
  if (fn)
    requests.insert(fn);
  // The URL's own expression: a variable it initializes is used by other
  // functions; a function returning it is called by them.
  const clang::Decl *start = nullptr;
  for (clang::DynTypedNodeList parents = ast_.getParents(*url);
       !parents.empty(); parents = ast_.getParents(parents[0])) {
    if (const auto *var = parents[0].get<clang::VarDecl>())
      start = var;
    else if (parents[0].get<clang::ReturnStmt>() && fn)
      start = fn;
    else if (parents[0].get<clang::Expr>())
      continue;
    break;
  }
  RequestCheck all = usersOf(start, std::move(requests), true);
  return checks_.emplace(url, std::move(all)).first->second;
}

RequestCheck RequestKeys::checkUsersOf(const clang::Decl *target) {
  return usersOf(target, {}, false);
}

RequestCheck
RequestKeys::usersOf(const clang::Decl *start,
                     std::set<const clang::FunctionDecl *> requests, bool own) {
  RequestCheck all;
  const clang::SourceManager &sm = ast_.getSourceManager();
  std::set<const clang::Decl *> seen;
  std::vector<const clang::Decl *> todo;
  if (start)
    todo.push_back(start);
  while (!todo.empty()) {
    const clang::Decl *target = todo.back();
    todo.pop_back();
    if (!seen.insert(target->getCanonicalDecl()).second)
      continue;
    // Defined in this source file and visible to others: other TUs may
    // send it too (a header's definition is seen by every includer).
    const auto *named = llvm::dyn_cast<clang::NamedDecl>(target);
    if (named && (target != start || own) && named->isExternallyVisible() &&
        sm.isInMainFile(sm.getExpansionLoc(target->getLocation())))
      if (std::string usr = SummaryBook::usrOf(named); !usr.empty())
        all.escapes.emplace(usr, named->getNameAsString());
    RefFinder refs(ast_, target);
    refs.TraverseAST(ast_);
    for (const clang::FunctionDecl *user : refs.users) {
      requests.insert(user);
      // A function that returns what it got from the URL hands it to its
      // callers: theirs are the requests.
      if (!hasAuthHeader(user) && returnsUseOf(user, target))
        todo.push_back(user);
    }
  }
  // In source order, so the reason given does not depend on pointers.
  for (const clang::FunctionDecl *request : inSourceOrder(ast_, requests))
    mergeCheck(all, verdict(request));
  escapes_.insert(all.escapes.begin(), all.escapes.end());
  if (callers_)
    for (const auto &[usr, name] : all.escapes)
      if (auto it = callers_->find(usr); it != callers_->end()) {
        RequestCheck theirs = it->second;
        theirs.escapes.clear();
        mergeCheck(all, theirs);
      }
  return all;
}

} // namespace keyshift::cpp::detail
