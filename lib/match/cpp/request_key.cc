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

/// The functions that refer to each declaration of the TU, in one walk
/// (a walk per declaration asked about was quadratic in URLs).
class UsersIndex : public InFunctionVisitor<UsersIndex> {
public:
  bool VisitDeclRefExpr(clang::DeclRefExpr *ref) {
    if (current())
      users[ref->getDecl()->getCanonicalDecl()].insert(current());
    return true;
  }
  std::map<const clang::Decl *, std::set<const clang::FunctionDecl *>> users;
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

/// The left side of an assignment `node` is (`=`, `+=`, std::string's
/// operator=), its parens and casts stripped; nullptr for anything else.
const clang::Expr *assignedTo(const clang::DynTypedNode &node) {
  if (const auto *b = node.get<clang::BinaryOperator>())
    return b->isAssignmentOp() ? b->getLHS()->IgnoreParenImpCasts() : nullptr;
  if (const auto *op = node.get<clang::CXXOperatorCallExpr>())
    return op->isAssignmentOp() && op->getNumArgs() == 2
               ? op->getArg(0)->IgnoreParenImpCasts()
               : nullptr;
  return nullptr;
}

/// A local of `fn` holding its own value (not a reference, not static).
bool isPlainLocal(const clang::VarDecl *var, const clang::FunctionDecl *fn) {
  return var && fn && var->isLocalVarDecl() && !var->isStaticLocal() &&
         !var->getType()->isReferenceType();
}

/// The plain local whose member `e` is (`options.base_url`), if any.
const clang::VarDecl *memberOfLocal(const clang::Expr *e,
                                    const clang::FunctionDecl *fn) {
  const auto *member = llvm::dyn_cast<clang::MemberExpr>(e);
  if (!member || member->isArrow())
    return nullptr;
  const auto *ref = llvm::dyn_cast<clang::DeclRefExpr>(
      member->getBase()->IgnoreParenImpCasts());
  const auto *var =
      ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  return isPlainLocal(var, fn) ? var : nullptr;
}

/// The values `fn` assigns to credential members of `object`.
std::vector<const clang::Expr *> credentialsSet(const clang::FunctionDecl *fn,
                                                const clang::VarDecl *object) {
  class Sets : public clang::RecursiveASTVisitor<Sets> {
  public:
    Sets(const clang::FunctionDecl *fn, const clang::VarDecl *object)
        : fn_(fn), object_(object) {}
    bool VisitBinaryOperator(clang::BinaryOperator *b) {
      if (b->isAssignmentOp())
        take(b->getLHS(), b->getRHS());
      return true;
    }
    bool VisitCXXOperatorCallExpr(clang::CXXOperatorCallExpr *op) {
      if (op->isAssignmentOp() && op->getNumArgs() == 2)
        take(op->getArg(0), op->getArg(1));
      return true;
    }
    std::vector<const clang::Expr *> values;

  private:
    void take(const clang::Expr *lhs, const clang::Expr *rhs) {
      lhs = lhs->IgnoreParenImpCasts();
      const auto *member = llvm::dyn_cast<clang::MemberExpr>(lhs);
      if (member && memberOfLocal(lhs, fn_) == object_ &&
          namesCredential(member->getMemberDecl()->getName()))
        values.push_back(rhs);
    }
    const clang::FunctionDecl *fn_;
    const clang::VarDecl *object_;
  };
  Sets sets(fn, object);
  sets.TraverseStmt(fn->getBody());
  return sets.values;
}

/// Whether `object` (a local of `fn`) leaves the function where its key
/// may be changed: given by non-const reference or pointer, bound to a
/// reference or pointer, copied into something other than a local, or
/// changed through a member function. Passed by value or const reference
/// (`Client(options)`) it stays what `fn` set.
bool objectEscapes(const clang::FunctionDecl *fn,
                   const clang::VarDecl *object) {
  class Uses : public clang::RecursiveASTVisitor<Uses> {
  public:
    Uses(const clang::FunctionDecl *fn, const clang::VarDecl *object)
        : fn_(fn), object_(object->getCanonicalDecl()) {}
    bool VisitCallExpr(clang::CallExpr *call) {
      const clang::FunctionDecl *fd = call->getDirectCallee();
      unsigned shift = llvm::isa<clang::CXXOperatorCallExpr>(call) &&
                               llvm::isa_and_nonnull<clang::CXXMethodDecl>(fd)
                           ? 1
                           : 0;
      if (const auto *member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call))
        if (is(member->getImplicitObjectArgument()) &&
            !member->getMethodDecl()->isConst())
          found = true;
      for (unsigned i = shift; i < call->getNumArgs(); ++i)
        if (is(call->getArg(i)) &&
            (!fd || i - shift >= fd->getNumParams() ||
             writable(fd->getParamDecl(i - shift)->getType())))
          found = true;
      if (const auto *op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call))
        if (op->isAssignmentOp() && op->getNumArgs() == 2 &&
            is(op->getArg(1)) && !localTarget(op->getArg(0)))
          found = true;
      return true;
    }
    bool VisitBinaryOperator(clang::BinaryOperator *b) {
      if (b->isAssignmentOp() && is(b->getRHS()) && !localTarget(b->getLHS()))
        found = true;
      return true;
    }
    bool VisitUnaryOperator(clang::UnaryOperator *u) {
      if (u->getOpcode() == clang::UO_AddrOf && is(u->getSubExpr()))
        found = true;
      return true;
    }
    bool VisitVarDecl(clang::VarDecl *var) {
      if (var->getInit() && is(var->getInit()) &&
          (var->getType()->isReferenceType() ||
           var->getType()->isPointerType()) &&
          !var->getType().getNonReferenceType().isConstQualified())
        found = true;
      return true;
    }
    bool found = false;

  private:
    bool is(const clang::Expr *e) const {
      const auto *ref =
          llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
      return ref && ref->getDecl()->getCanonicalDecl() == object_;
    }
    bool localTarget(const clang::Expr *e) const {
      const auto *ref =
          llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
      return ref &&
             isPlainLocal(llvm::dyn_cast<clang::VarDecl>(ref->getDecl()), fn_);
    }
    const clang::FunctionDecl *fn_;
    const clang::Decl *object_;
  };
  Uses uses(fn, object);
  uses.TraverseStmt(fn->getBody());
  return uses.found;
}

/// Whether `node` is `e` or inside it.
bool contains(const clang::Stmt *e, const clang::Stmt *node) {
  if (e == node)
    return true;
  for (const clang::Stmt *child : e->children())
    if (child && contains(child, node))
      return true;
  return false;
}

/// Whether `e` refers to one of `decls` anywhere inside.
bool refersTo(const clang::Stmt *e,
              const std::set<const clang::Decl *> &decls) {
  if (e == nullptr)
    return false;
  if (const auto *ref = llvm::dyn_cast<clang::DeclRefExpr>(e))
    if (decls.count(ref->getDecl()->getCanonicalDecl()))
      return true;
  for (const clang::Stmt *child : e->children())
    if (refersTo(child, decls))
      return true;
  return false;
}

/// Adds to `tainted` the locals set from what it holds (one pass).
class Locals : public clang::RecursiveASTVisitor<Locals> {
public:
  explicit Locals(std::set<const clang::Decl *> &tainted) : tainted_(tainted) {}
  bool VisitVarDecl(clang::VarDecl *var) {
    if (var->getInit() && refersTo(var->getInit(), tainted_))
      tainted_.insert(var->getCanonicalDecl());
    return true;
  }
  bool VisitBinaryOperator(clang::BinaryOperator *b) {
    if (b->isAssignmentOp() && refersTo(b->getRHS(), tainted_))
      if (const auto *ref = llvm::dyn_cast<clang::DeclRefExpr>(
              b->getLHS()->IgnoreParenImpCasts()))
        tainted_.insert(ref->getDecl()->getCanonicalDecl());
    return true;
  }
  bool VisitCXXOperatorCallExpr(clang::CXXOperatorCallExpr *op) {
    if (op->isAssignmentOp() && op->getNumArgs() == 2 &&
        refersTo(op->getArg(1), tainted_))
      if (const auto *ref = llvm::dyn_cast<clang::DeclRefExpr>(
              op->getArg(0)->IgnoreParenImpCasts()))
        tainted_.insert(ref->getDecl()->getCanonicalDecl());
    return true;
  }

private:
  std::set<const clang::Decl *> &tainted_;
};

/// `tainted` with every local of `fn` set from what it holds, until no
/// more join.
void taintLocals(const clang::FunctionDecl *fn,
                 std::set<const clang::Decl *> &tainted) {
  for (std::size_t before = 0; before != tainted.size();) {
    before = tainted.size();
    Locals locals(tainted);
    locals.TraverseStmt(fn->getBody());
  }
}

/// Whether a return statement of `fn` gives back what `target` holds,
/// directly or through locals set from it.
bool returnsUseOf(const clang::FunctionDecl *fn, const clang::Decl *target) {
  class Returns : public clang::RecursiveASTVisitor<Returns> {
  public:
    explicit Returns(const std::set<const clang::Decl *> &tainted)
        : tainted_(tainted) {}
    bool VisitReturnStmt(clang::ReturnStmt *r) {
      found = found || refersTo(r->getRetValue(), tainted_);
      return true;
    }
    bool found = false;

  private:
    const std::set<const clang::Decl *> &tainted_;
  };
  if (!fn->getBody() || fn->getReturnType()->isVoidType())
    return false;
  std::set<const clang::Decl *> tainted{target->getCanonicalDecl()};
  taintLocals(fn, tainted);
  Returns returns(tainted);
  returns.TraverseStmt(fn->getBody());
  return returns.found;
}

/// What `fn` hands what `tainted` holds to: calls of the application's
/// functions (or indirect ones) and constructions of its classes given it,
/// directly or through a local variable set from it.
class Handoffs : public clang::RecursiveASTVisitor<Handoffs> {
public:
  Handoffs(const clang::ASTContext &ast, std::set<const clang::Decl *> tainted)
      : ast_(ast), tainted_(std::move(tainted)) {}

  void run(const clang::FunctionDecl *fn) {
    taintLocals(fn, tainted_);
    TraverseStmt(fn->getBody());
  }
  bool VisitCallExpr(clang::CallExpr *call) {
    bool given = false;
    for (const clang::Expr *arg : call->arguments())
      given = given || refersTo(arg, tainted_);
    if (!given)
      return true;
    switch (handoffKind(ast_, call)) {
    case HandoffKind::PassesThrough:
      break;
    case HandoffKind::Application:
      calls.push_back(call);
      break;
    case HandoffKind::Unseen:
      unseen.push_back(call);
      break;
    }
    return true;
  }
  bool VisitCXXConstructExpr(clang::CXXConstructExpr *construct) {
    if (!libraryOrApplicationClass(ast_, construct->getConstructor()))
      return true;
    for (const clang::Expr *arg : construct->arguments())
      if (refersTo(arg, tainted_)) {
        constructs.push_back(construct);
        break;
      }
    return true;
  }
  bool VisitBinaryOperator(clang::BinaryOperator *b) {
    if (b->isAssignmentOp() && refersTo(b->getRHS(), tainted_))
      stores.push_back(b->getLHS()->IgnoreParenImpCasts());
    return true;
  }
  bool VisitCXXOperatorCallExpr(clang::CXXOperatorCallExpr *op) {
    if (op->isAssignmentOp() && op->getNumArgs() == 2 &&
        refersTo(op->getArg(1), tainted_))
      stores.push_back(op->getArg(0)->IgnoreParenImpCasts());
    return true;
  }
  const std::set<const clang::Decl *> &tainted() const { return tainted_; }
  std::vector<const clang::CallExpr *> calls;  ///< the application's
  std::vector<const clang::CallExpr *> unseen; ///< what keyshift cannot see
  std::vector<const clang::CXXConstructExpr *> constructs;
  /// Where it is written: a local is followed (taintLocals), a member of a
  /// local options object goes with its credentials, anything else stays.
  std::vector<const clang::Expr *> stores;

private:
  const clang::ASTContext &ast_;
  std::set<const clang::Decl *> tainted_;
};

} // namespace

RequestKeys::RequestKeys(SummaryBook &book,
                         std::function<bool(const std::string &)> key_var_moves,
                         const CallerChecks *callers)
    : ast_(book.ast()), book_(book), callers_(callers),
      key_var_moves_(std::move(key_var_moves)) {}

std::optional<std::vector<ValueSource>>
RequestKeys::headerSources(const clang::FunctionDecl *fn) {
  AuthFinder auth;
  auth.TraverseDecl(const_cast<clang::FunctionDecl *>(fn));
  if (auth.headers.empty() && auth.bearer_values.empty())
    return std::nullopt;
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
  return std::move(tracer.sources);
}

RequestCheck RequestKeys::judge(const std::vector<ValueSource> &sources,
                                const std::string &request,
                                const std::string &how) {
  RequestCheck result;
  std::string blocking;
  std::set<std::string> said;
  std::vector<Source> sent;
  for (const ValueSource &v : sources)
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
    result.blocked = request + " sends " + blocking + " " + how +
                     ", which does not move to the proxy: moving the URL "
                     "alone would send that key there; move the request and "
                     "its key together by hand";
  return result;
}

const RequestCheck &RequestKeys::verdict(const clang::FunctionDecl *fn) {
  auto cached = cache_.find(fn);
  if (cached != cache_.end())
    return cached->second;
  RequestCheck result;
  if (std::optional<std::vector<ValueSource>> sources = headerSources(fn))
    result = judge(*sources, "the request in " + fn->getNameAsString() +
                                 "() (" + where(ast_, fn->getLocation()) + ")");
  return cache_.emplace(fn, std::move(result)).first->second;
}

RequestCheck RequestKeys::objectVerdict(const clang::FunctionDecl *fn,
                                        const clang::VarDecl *object,
                                        const clang::Expr *member) {
  std::vector<const clang::Expr *> keys = credentialsSet(fn, object);
  if (keys.empty() || objectEscapes(fn, object))
    return keptAway(member->getBeginLoc());
  Tracer tracer(book_, fn);
  for (const clang::Expr *key : keys)
    tracer.trace(key);
  return judge(tracer.sources,
               "the options object '" + object->getNameAsString() + "' (" +
                   where(ast_, object->getLocation()) + ")",
               "as the key that goes with the URL set on it");
}

RequestCheck RequestKeys::keptAway(clang::SourceLocation at) {
  RequestCheck held;
  held.untraced = true;
  untraced_ = true;
  held.blocked = "the URL is kept where keyshift does not follow it (an "
                 "out-parameter, a member or a global written at " +
                 where(ast_, at) +
                 "): a request elsewhere may send it with any key; move the "
                 "request and its key together by hand";
  return held;
}

const std::set<const clang::FunctionDecl *> &
RequestKeys::usersOfDecl(const clang::Decl *target) {
  if (!users_) {
    UsersIndex index;
    index.TraverseAST(ast_);
    users_ = std::move(index.users);
  }
  static const std::set<const clang::FunctionDecl *> none;
  auto it = users_->find(target->getCanonicalDecl());
  return it == users_->end() ? none : it->second;
}

bool RequestKeys::returnsArgument(const clang::CallExpr *call,
                                  const clang::Stmt *literal) {
  const FunctionSummary *summary = book_.summaryOf(call->getDirectCallee());
  if (!summary)
    return false;
  for (const ValueSource &v : summary->result)
    if (v.kind == ValueSource::Kind::Param && v.param >= 0 &&
        static_cast<unsigned>(v.param) < call->getNumArgs() &&
        contains(call->getArg(v.param), literal))
      return true;
  return false;
}

RequestCheck RequestKeys::handedOn(const clang::FunctionDecl *fn,
                                   std::set<const clang::Decl *> tainted,
                                   int depth) {
  // A function handing on only its parameters answers the same for every
  // caller: fan-out at each level would make this exponential.
  bool params_only =
      std::all_of(tainted.begin(), tainted.end(), [](const clang::Decl *d) {
        return llvm::isa<clang::ParmVarDecl>(d);
      });
  auto memo_key = std::make_pair(fn, tainted);
  if (params_only)
    if (auto it = handed_on_.find(memo_key); it != handed_on_.end())
      return it->second;
  Handoffs handoffs(ast_, std::move(tainted));
  handoffs.run(fn);
  RequestCheck all;
  for (const clang::CallExpr *call : handoffs.calls)
    mergeCheck(all, verdictAt(call, fn, handoffs.tainted(), depth, nullptr));
  for (const clang::CallExpr *call : handoffs.unseen)
    if (!carriesHeader(call, fn))
      mergeCheck(all, unseenCallee(call));
  for (const clang::Expr *store : handoffs.stores) {
    const auto *ref = llvm::dyn_cast<clang::DeclRefExpr>(store);
    if (ref && isPlainLocal(llvm::dyn_cast<clang::VarDecl>(ref->getDecl()), fn))
      continue; // followed as a tainted local
    if (const clang::VarDecl *object = memberOfLocal(store, fn))
      mergeCheck(all, objectVerdict(fn, object, store));
    else
      mergeCheck(all, keptAway(store->getBeginLoc()));
  }
  for (const clang::CXXConstructExpr *construct : handoffs.constructs)
    mergeCheck(all, handedToConstructor(construct));
  if (params_only)
    handed_on_.emplace(std::move(memo_key), all);
  return all;
}

bool RequestKeys::carriesHeader(const clang::CallExpr *call,
                                const clang::FunctionDecl *caller) {
  // The header literal in an argument, or a local built from one.
  AuthFinder auth;
  auth.TraverseDecl(const_cast<clang::FunctionDecl *>(caller));
  std::set<const clang::Decl *> holders;
  for (const clang::StringLiteral *lit : auth.headers)
    for (clang::DynTypedNodeList parents = ast_.getParents(*lit);
         !parents.empty(); parents = ast_.getParents(parents[0])) {
      if (const auto *var = parents[0].get<clang::VarDecl>()) {
        holders.insert(var->getCanonicalDecl());
        break;
      }
      if (!parents[0].get<clang::Expr>())
        break;
    }
  if (!holders.empty())
    taintLocals(caller, holders);
  for (const clang::Expr *arg : call->arguments()) {
    if (refersTo(arg, holders))
      return true;
    for (const clang::StringLiteral *lit : auth.headers)
      if (contains(arg, lit))
        return true;
  }
  return false;
}

RequestCheck
RequestKeys::handedToConstructor(const clang::CXXConstructExpr *construct) {
  RequestCheck held;
  held.untraced = true;
  untraced_ = true;
  held.blocked = "the URL is handed to " +
                 construct->getConstructor()->getParent()->getNameAsString() +
                 "'s constructor (" + where(ast_, construct->getBeginLoc()) +
                 "), and keyshift does not follow what an object keeps: it "
                 "may send the URL with any key; move the request and its "
                 "key together by hand";
  return held;
}

RequestCheck RequestKeys::unseenCallee(const clang::CallExpr *call) {
  const clang::FunctionDecl *callee = call->getDirectCallee();
  std::string name = callee ? callee->getNameAsString() + "()"
                            : std::string("an indirect call");
  RequestCheck result;
  result.untraced = true;
  untraced_ = true;
  result.blocked = "the URL is handed to " + name + " (" +
                   where(ast_, call->getBeginLoc()) +
                   "), which keyshift cannot see into (a library object, a "
                   "call through an object or pointer, a virtual method): it "
                   "may send the URL with any key; move the request and its "
                   "key together by hand";
  return result;
}

RequestCheck
RequestKeys::verdictAt(const clang::CallExpr *call,
                       const clang::FunctionDecl *caller,
                       const std::set<const clang::Decl *> &tainted, int depth,
                       const clang::Stmt *literal) {
  const clang::FunctionDecl *callee = call->getDirectCallee();
  std::string name = callee ? callee->getNameAsString() : "an indirect call";
  std::string at = where(ast_, call->getBeginLoc());
  const clang::FunctionDecl *def = nullptr;
  RequestCheck result;
  if (!callee || !callee->hasBody(def) || !def) {
    // Another TU's function that neither builds a header nor hands what it
    // is given on (its summary) only gives the URL back, if anything; and
    // with the header built here, the callee is this request's transport.
    const FunctionSummary *summary = callee ? book_.summaryOf(callee) : nullptr;
    if ((summary && !summary->may_send) || carriesHeader(call, caller))
      return result;
    result.untraced = true;
    untraced_ = true;
    result.blocked = "the URL is handed to " + name + "() (" + at +
                     "), which keyshift cannot see into: it may send the "
                     "URL with any key; move the request and its key "
                     "together by hand";
    return result;
  }
  std::optional<std::vector<ValueSource>> sources = headerSources(def);
  if (!sources) {
    // No Authorization header there: where it hands the URL on decides.
    std::set<const clang::Decl *> params;
    for (unsigned i = 0; i < call->getNumArgs() && i < def->getNumParams(); ++i)
      if (refersTo(call->getArg(i), tainted) ||
          (literal && contains(call->getArg(i), literal)))
        params.insert(def->getParamDecl(i)->getCanonicalDecl());
    if (params.empty())
      return result;
    if (depth >= kMaxHandoffs) {
      result.untraced = true;
      untraced_ = true;
      result.blocked = "the URL is handed on too many times from " + name +
                       "() (" + at +
                       ") for keyshift to follow; move it by "
                       "hand";
      return result;
    }
    mergeCheck(result, handedOn(def, std::move(params), depth + 1));
    return result;
  }
  // The callee's key in the caller's terms: its parameters are the
  // call's arguments.
  FunctionSummary request;
  request.name = name;
  request.where = where(ast_, def->getLocation());
  request.result = std::move(*sources);
  std::vector<ValueSource> sent =
      substitute(request, book_.argValues(call, caller, 0),
                 " via " + name + "() (" + at + ")");
  return judge(sent, "the request in " + name + "() (" + request.where +
                         "), called at " + at);
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
  RequestCheck handed;
  for (clang::DynTypedNodeList parents = ast_.getParents(*url);
       !parents.empty(); parents = ast_.getParents(parents[0])) {
    if (const auto *var = parents[0].get<clang::VarDecl>()) {
      start = var;
    } else if (const clang::Expr *into = assignedTo(parents[0])) {
      // `u = "https://..."`: a local of this function is followed as its
      // initializer would be; anything else keeps it where keyshift does
      // not look (an out-parameter, a member, a global).
      const auto *ref = llvm::dyn_cast<clang::DeclRefExpr>(into);
      const auto *var =
          ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
      if (isPlainLocal(var, fn)) {
        start = var;
      } else if (const clang::VarDecl *object = memberOfLocal(into, fn)) {
        // `options.base_url = "https://..."`: a client's options object;
        // the key set on the same object goes with it.
        mergeCheck(handed, objectVerdict(fn, object, into));
      } else {
        mergeCheck(handed, keptAway(into->getBeginLoc()));
      }
    } else if (parents[0].get<clang::CXXCtorInitializer>() ||
               parents[0].get<clang::FieldDecl>()) {
      mergeCheck(handed, keptAway(url->getBeginLoc()));
    } else if (parents[0].get<clang::ReturnStmt>() && fn) {
      start = fn;
    } else if (const auto *call = parents[0].get<clang::CallExpr>();
               call && fn &&
               handoffKind(ast_, call) == HandoffKind::Application) {
      // post("https://api.openai.com/v1/...", key): post's request.
      mergeCheck(handed, verdictAt(call, fn, {}, 0, url));
      // envOr(kBaseVar, "https://api.openai.com/v1") gives it back.
      if (returnsArgument(call, url))
        continue;
    } else if (const auto *call = parents[0].get<clang::CallExpr>();
               call && fn && handoffKind(ast_, call) == HandoffKind::Unseen) {
      if (!carriesHeader(call, fn))
        mergeCheck(handed, unseenCallee(call));
    } else if (const auto *construct =
                   parents[0].get<clang::CXXConstructExpr>();
               construct && fn &&
               libraryOrApplicationClass(ast_, construct->getConstructor())) {
      mergeCheck(handed, handedToConstructor(construct));
    } else if (const auto *init = parents[0].get<clang::InitListExpr>();
               init && init->getType()->isRecordType()) {
      // `Options o{"https://...", key}`, designated or not: kept in an
      // object's member.
      mergeCheck(handed, keptAway(init->getBeginLoc()));
    } else if (parents[0].get<clang::Expr>()) {
      continue;
    }
    break;
  }
  RequestCheck all = usersOf(start, std::move(requests), true);
  mergeCheck(all, handed);
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
    for (const clang::FunctionDecl *user : usersOfDecl(target)) {
      requests.insert(user);
      if (user->getBody())
        mergeCheck(all, handedOn(user, {target->getCanonicalDecl()}, 0));
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
