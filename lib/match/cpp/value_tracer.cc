// Includes Clang's AST headers: one more costly TU, kept apart from
// clang_backend.cc so each stays about one thing.
#include "match/cpp/value_tracer.h"

#include "match/secret_literal.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace keyshift::cpp::detail {
namespace {

ValueSource source(ValueSource::Kind kind, std::string what) {
  ValueSource s;
  s.kind = kind;
  s.what = std::move(what);
  return s;
}

/// The statements a summary reads: every return value, every getenv call
/// and every call of an application function (its name uses).
class BodyFinder : public clang::RecursiveASTVisitor<BodyFinder> {
public:
  bool VisitReturnStmt(clang::ReturnStmt *r) {
    if (r->getRetValue())
      returns.push_back(r->getRetValue());
    return true;
  }
  bool VisitCallExpr(clang::CallExpr *call) {
    calls.push_back(call);
    return true;
  }
  // A lambda's returns are its own, not the function's.
  bool TraverseLambdaExpr(clang::LambdaExpr *) { return true; }
  std::vector<const clang::Expr *> returns;
  std::vector<const clang::CallExpr *> calls;
};

/// The parameter `e` is, exactly, as a tracer in `in` sees it; else -1.
int exactParam(SummaryBook &book, const clang::FunctionDecl *in,
               const clang::Expr *e, int hops) {
  Tracer t(book, in);
  t.trace(e, hops);
  return t.sources.size() == 1 && t.sources[0].kind == ValueSource::Kind::Param
             ? t.sources[0].param
             : -1;
}

bool isVirtual(const clang::FunctionDecl *fd) {
  const auto *method = llvm::dyn_cast<clang::CXXMethodDecl>(fd);
  return method && method->isVirtual();
}

} // namespace

std::string where(const clang::ASTContext &ast, clang::SourceLocation loc) {
  const clang::SourceManager &sm = ast.getSourceManager();
  clang::PresumedLoc p = sm.getPresumedLoc(sm.getExpansionLoc(loc));
  if (p.isInvalid())
    return "?";
  return llvm::sys::path::filename(p.getFilename()).str() + ":" +
         std::to_string(p.getLine());
}

const clang::StringLiteral *nameLiteral(const clang::Expr *e) {
  for (int depth = 0; e && depth < 8; ++depth) {
    e = e->IgnoreParenImpCasts();
    if (const auto *lit = llvm::dyn_cast<clang::StringLiteral>(e))
      return lit->getCharByteWidth() == 1 ? lit : nullptr;
    if (const auto *ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      // As the env-key-ref rule's matcher: a variable initialised with
      // the name (its one definition is what gets renamed).
      const auto *var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      if (!var || llvm::isa<clang::ParmVarDecl>(var))
        return nullptr; // a parameter's default is not its value
      e = var->getInit();
      continue;
    }
    // std::string("X"), std::string_view{"X"}: the one argument.
    if (const auto *construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      if (construct->getNumArgs() == 0)
        return nullptr;
      e = construct->getArg(0);
      continue;
    }
    if (const auto *tmp = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) {
      e = tmp->getSubExpr();
      continue;
    }
    if (const auto *bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) {
      e = bind->getSubExpr();
      continue;
    }
    if (const auto *cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(e)) {
      e = cast->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

bool passesValuesThrough(const clang::ASTContext &ast,
                         const clang::FunctionDecl *fd) {
  return ast.getSourceManager().isInSystemHeader(fd->getLocation()) ||
         fd->getName().startswith("curl_");
}

bool isGetenv(const clang::FunctionDecl *fd) {
  std::string name = fd->getNameAsString();
  return name == "getenv" || name == "secure_getenv";
}

// ---------------------------------------------------------------------------
// SummaryBook

SummaryBook::SummaryBook(clang::ASTContext &ast, const SummaryTable *known,
                         bool symbolic)
    : ast_(ast), known_(known), symbolic_(symbolic) {}

std::string SummaryBook::usrOf(const clang::FunctionDecl *fd) {
  llvm::SmallString<128> usr;
  if (clang::index::generateUSRForDecl(fd->getCanonicalDecl(), usr))
    return "";
  return std::string(usr.str());
}

const FunctionSummary *SummaryBook::summaryOf(const clang::FunctionDecl *fd) {
  if (fd == nullptr || isVirtual(fd) || passesValuesThrough(ast_, fd))
    return nullptr;
  const clang::FunctionDecl *canonical = fd->getCanonicalDecl();
  if (auto it = made_.find(canonical); it != made_.end())
    return &it->second;
  std::string usr = usrOf(fd);
  if (known_ && !usr.empty())
    if (auto it = known_->find(usr); it != known_->end())
      return &it->second;
  const clang::FunctionDecl *def = nullptr;
  if (!fd->hasBody(def) || def == nullptr) {
    if (!usr.empty())
      wanted_.emplace(usr, fd->getNameAsString());
    return nullptr;
  }
  if (!making_.insert(canonical).second)
    return nullptr; // recursion: what it returns is not known yet
  FunctionSummary made = make(def);
  making_.erase(canonical);
  return &made_.emplace(canonical, std::move(made)).first->second;
}

std::vector<ArgValue> SummaryBook::argValues(const clang::CallExpr *call,
                                             const clang::FunctionDecl *in,
                                             int hops) {
  std::vector<ArgValue> args;
  for (const clang::Expr *arg : call->arguments()) {
    ArgValue v;
    if (const clang::StringLiteral *lit = nameLiteral(arg))
      v.name = lit->getString().str();
    Tracer t(*this, in);
    t.trace(arg, hops + 1);
    v.sources = std::move(t.sources);
    args.push_back(std::move(v));
  }
  return args;
}

FunctionSummary SummaryBook::make(const clang::FunctionDecl *def) {
  FunctionSummary s;
  s.name = def->getNameAsString();
  s.where = where(ast_, def->getLocation());
  BodyFinder body;
  body.TraverseStmt(def->getBody());
  for (const clang::Expr *r : body.returns) {
    Tracer t(*this, def);
    t.trace(r);
    mergeSources(s.result, t.sources);
  }
  for (const clang::CallExpr *call : body.calls) {
    const clang::FunctionDecl *callee = call->getDirectCallee();
    if (callee == nullptr || llvm::isa<clang::CXXOperatorCallExpr>(call))
      continue;
    if (isGetenv(callee)) {
      if (call->getNumArgs() == 1)
        if (int p = exactParam(*this, def, call->getArg(0), 0); p >= 0)
          s.name_uses.push_back(NameUse{p, "", -1, ""});
      continue;
    }
    if (passesValuesThrough(ast_, callee) || isVirtual(callee))
      continue;
    // Only a parameter handed on as it is can name a variable further
    // down; anything else has no name the caller gives.
    std::vector<int> handed(call->getNumArgs(), -1);
    bool any = false;
    for (unsigned i = 0; i < call->getNumArgs(); ++i) {
      handed[i] = exactParam(*this, def, call->getArg(i), 0);
      any = any || handed[i] >= 0;
    }
    if (!any)
      continue;
    if (const FunctionSummary *g = summaryOf(callee)) {
      std::vector<ArgValue> args = argValues(call, def, 0);
      std::vector<NameUse> uses = substituteNameUses(*g, args);
      s.name_uses.insert(s.name_uses.end(), uses.begin(), uses.end());
    } else if (symbolic_ && !callee->hasBody()) {
      for (unsigned i = 0; i < handed.size(); ++i)
        if (handed[i] >= 0)
          s.name_uses.push_back(NameUse{handed[i], usrOf(callee),
                                        static_cast<int>(i),
                                        callee->getNameAsString()});
    }
  }
  std::sort(s.name_uses.begin(), s.name_uses.end());
  s.name_uses.erase(std::unique(s.name_uses.begin(), s.name_uses.end()),
                    s.name_uses.end());
  return s;
}

// ---------------------------------------------------------------------------
// Tracer

void Tracer::add(ValueSource s) { mergeSources(sources, {std::move(s)}); }

void Tracer::trace(const clang::Stmt *s, int hops) {
  if (s == nullptr)
    return;
  clang::ASTContext &ast = book_.ast();
  if (const auto *call = llvm::dyn_cast<clang::CallExpr>(s)) {
    const clang::FunctionDecl *fd = call->getDirectCallee();
    bool op = llvm::isa<clang::CXXOperatorCallExpr>(call);
    if (fd && !op && (isGetenv(fd) || !passesValuesThrough(ast, fd)))
      return traceCall(call, hops);
    if (!fd && !op)
      return add(source(ValueSource::Kind::Opaque,
                        "an indirect call's result (" +
                            where(ast, call->getBeginLoc()) + ")"));
  } else if (const auto *lit = llvm::dyn_cast<clang::StringLiteral>(s)) {
    if (lit->getCharByteWidth() == 1 && secretLiteral(lit->getString()))
      add(source(ValueSource::Kind::Key,
                 "a hard-coded key (" + where(ast, lit->getBeginLoc()) + ")"));
    return;
  } else if (const auto *ref = llvm::dyn_cast<clang::DeclRefExpr>(s)) {
    return traceDecl(ref->getDecl(), ref->getBeginLoc(), hops);
  } else if (const auto *member = llvm::dyn_cast<clang::MemberExpr>(s)) {
    if (llvm::isa<clang::FieldDecl>(member->getMemberDecl()))
      return add(source(ValueSource::Kind::Opaque,
                        "member '" +
                            member->getMemberDecl()->getNameAsString() + "' (" +
                            where(ast, member->getBeginLoc()) + ")"));
  } else if (const auto *def = llvm::dyn_cast<clang::CXXDefaultArgExpr>(s)) {
    return trace(def->getExpr(), hops);
  }
  for (const clang::Stmt *child : s->children())
    trace(child, hops);
}

void Tracer::traceCall(const clang::CallExpr *call, int hops) {
  clang::ASTContext &ast = book_.ast();
  const clang::FunctionDecl *fd = call->getDirectCallee();
  std::string at = "(" + where(ast, call->getBeginLoc()) + ")";
  if (isGetenv(fd)) {
    if (call->getNumArgs() != 1)
      return add(source(ValueSource::Kind::Opaque, "getenv(?) " + at));
    if (const clang::StringLiteral *lit = nameLiteral(call->getArg(0))) {
      ValueSource s =
          source(ValueSource::Kind::Env,
                 "getenv(\"" + lit->getString().str() + "\") " + at);
      s.env = lit->getString().str();
      return add(std::move(s));
    }
    if (int p = exactParam(book_, in_, call->getArg(0), hops + 1); p >= 0) {
      ValueSource s = source(
          ValueSource::Kind::EnvOfParam,
          "getenv(" + in_->getParamDecl(p)->getNameAsString() + ") " + at);
      s.param = p;
      return add(std::move(s));
    }
    return add(source(ValueSource::Kind::Opaque, "getenv(\"?\") " + at));
  }
  std::string name = fd->getNameAsString();
  if (hops < kMaxHops)
    if (const FunctionSummary *g = book_.summaryOf(fd)) {
      std::vector<ArgValue> args = book_.argValues(call, in_, hops);
      for (ValueSource &s : substitute(*g, args, " via " + name + "() " + at))
        add(std::move(s));
      return;
    }
  if (book_.symbolic() && !fd->hasBody() && !isVirtual(fd)) {
    ValueSource s = source(ValueSource::Kind::Call, at);
    s.callee = SummaryBook::usrOf(fd);
    s.callee_name = name;
    s.args = book_.argValues(call, in_, hops);
    return add(std::move(s));
  }
  add(source(ValueSource::Kind::Opaque, "the result of " + name + "() " + at));
}

void Tracer::traceDecl(const clang::ValueDecl *d, clang::SourceLocation use,
                       int hops) {
  clang::ASTContext &ast = book_.ast();
  if (const auto *parm = llvm::dyn_cast<clang::ParmVarDecl>(d)) {
    const auto *fn =
        llvm::dyn_cast<clang::FunctionDecl>(parm->getDeclContext());
    std::string what = "parameter '" + parm->getNameAsString() + "'" +
                       (fn ? " of " + fn->getNameAsString() + "()" : "") +
                       " (" + where(ast, use) + ")";
    ValueSource s = source(ValueSource::Kind::Opaque, what);
    if (fn && in_ && fn->getCanonicalDecl() == in_->getCanonicalDecl()) {
      s.kind = ValueSource::Kind::Param;
      s.param = static_cast<int>(parm->getFunctionScopeIndex());
    }
    return add(std::move(s));
  }
  const auto *var = llvm::dyn_cast<clang::VarDecl>(d);
  if (var == nullptr || !seen_.insert(var).second)
    return; // functions and enumerators carry no key
  if (const clang::Expr *init = var->getInit()) {
    if (hops < kMaxHops)
      trace(init, hops + 1);
    else
      add(source(ValueSource::Kind::Opaque, "'" + var->getNameAsString() +
                                                "', traced too far (" +
                                                where(ast, use) + ")"));
    return;
  }
  // A local without initializer is a buffer filled later (snprintf's
  // target): what fills it is traced where the header is built.
  if (!var->hasLocalStorage())
    add(source(ValueSource::Kind::Opaque, "'" + var->getNameAsString() + "' (" +
                                              where(ast, var->getLocation()) +
                                              ")"));
}

} // namespace keyshift::cpp::detail
