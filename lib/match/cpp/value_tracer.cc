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
  bool VisitCXXConstructExpr(clang::CXXConstructExpr *construct) {
    constructs.push_back(construct);
    return true;
  }
  bool VisitBinaryOperator(clang::BinaryOperator *b) {
    if (b->isAssignmentOp())
      stores.emplace_back(b->getLHS(), b->getRHS());
    return true;
  }
  bool VisitCXXOperatorCallExpr(clang::CXXOperatorCallExpr *op) {
    if (op->isAssignmentOp() && op->getNumArgs() == 2)
      stores.emplace_back(op->getArg(0), op->getArg(1));
    return true;
  }
  bool VisitStringLiteral(clang::StringLiteral *lit) {
    bearer = bearer || (lit->getCharByteWidth() == 1 &&
                        lit->getString().contains_insensitive("bearer"));
    return true;
  }
  bool VisitDeclRefExpr(clang::DeclRefExpr *ref) {
    bearer = bearer || ref->getDecl()->getName() == "CURLOPT_XOAUTH2_BEARER";
    return true;
  }
  // A lambda's returns are its own, not the function's.
  bool TraverseLambdaExpr(clang::LambdaExpr *) { return true; }
  std::vector<const clang::Expr *> returns;
  std::vector<const clang::CallExpr *> calls;
  std::vector<const clang::CXXConstructExpr *> constructs;
  /// Assignments: (where, what).
  std::vector<std::pair<const clang::Expr *, const clang::Expr *>> stores;
  bool bearer = false; ///< an Authorization header is built here
};

/// Whether `e` is `var` itself, its address or the pointer its array
/// decays to.
bool namesVar(const clang::Expr *e, const clang::VarDecl *var) {
  e = e->IgnoreParenImpCasts();
  if (const auto *addr = llvm::dyn_cast<clang::UnaryOperator>(e))
    if (addr->getOpcode() == clang::UO_AddrOf)
      e = addr->getSubExpr()->IgnoreParenImpCasts();
  const auto *ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  return ref && ref->getDecl()->getCanonicalDecl() == var->getCanonicalDecl();
}

/// Whether a value of this type reads from outside the program: a C++
/// stream (anything derived from std::ios_base) or a C `FILE`. What comes
/// out of it is not its arguments' values.
bool readsOutside(clang::QualType t) {
  t = t.getNonReferenceType();
  if (t->isPointerType())
    t = t->getPointeeType();
  t = t.getCanonicalType();
  if (const clang::CXXRecordDecl *rd = t->getAsCXXRecordDecl()) {
    if (rd->getName() == "ios_base" || rd->getName() == "_IO_FILE")
      return true;
    if (rd->hasDefinition())
      return !rd->forallBases([](const clang::CXXRecordDecl *base) {
        return base->getName() != "ios_base";
      });
    return false;
  }
  if (const auto *record = t->getAs<clang::RecordType>())
    return record->getDecl()->getName() == "_IO_FILE";
  return false;
}

/// Library calls that fill a buffer from a file descriptor.
bool readsDescriptor(const clang::FunctionDecl *fd) {
  static const std::set<std::string> names{"read",     "pread",   "recv",
                                           "recvfrom", "recvmsg", "readv"};
  return names.count(fd->getNameAsString()) > 0;
}

/// What is written into a variable after its initializer: assignments,
/// `+=`, mutating member calls (append, assign), a library function
/// filling it (snprintf's buffer). An application function given it to
/// fill is `filled_by`: what it writes, keyshift does not follow.
class WriteFinder : public clang::RecursiveASTVisitor<WriteFinder> {
public:
  WriteFinder(const clang::ASTContext &ast, const clang::VarDecl *var)
      : ast_(ast), var_(var) {}
  bool VisitBinaryOperator(clang::BinaryOperator *b) {
    if (b->isAssignmentOp() && namesVar(b->getLHS(), var_))
      values.push_back(b->getRHS());
    return true;
  }
  bool VisitCallExpr(clang::CallExpr *call) {
    const clang::FunctionDecl *fd = call->getDirectCallee();
    // An operator that is a member takes its object as argument 0.
    unsigned shift = 0;
    if (const auto *op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call)) {
      if (op->isAssignmentOp() && op->getNumArgs() == 2 &&
          namesVar(op->getArg(0), var_)) {
        values.push_back(op->getArg(1));
        return true;
      }
      shift = llvm::isa_and_nonnull<clang::CXXMethodDecl>(fd) ? 1 : 0;
    } else if (const auto *member =
                   llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
      const clang::CXXMethodDecl *method = member->getMethodDecl();
      if (member->getImplicitObjectArgument() &&
          namesVar(member->getImplicitObjectArgument(), var_) && method &&
          !method->isConst())
        for (const clang::Expr *arg : member->arguments())
          values.push_back(arg);
    }
    // Given to be filled: `vault.load(key)`, `in >> key`, `getline(in,
    // key)`, `snprintf(buf, ...)`.
    for (unsigned i = 0; i < call->getNumArgs(); ++i) {
      if (!namesVar(call->getArg(i), var_))
        continue;
      if (shift && i == 0)
        continue; // the object of a member operator
      unsigned param = i - shift;
      bool may_write = !fd || param >= fd->getNumParams()
                           ? true
                           : writable(fd->getParamDecl(param)->getType());
      if (!may_write)
        continue;
      if (fd && passesValuesThrough(ast_, fd) && !readsDescriptor(fd) &&
          !llvm::isa<clang::CXXOperatorCallExpr>(call)) {
        for (unsigned j = 0; j < call->getNumArgs(); ++j)
          if (j != i)
            values.push_back(call->getArg(j));
      } else {
        filled_by.push_back(call);
      }
    }
    return true;
  }
  bool VisitVarDecl(clang::VarDecl *alias) {
    // `std::string &slot = key;`, `char *p = buf;`: written through
    // another name.
    if (alias != var_ && alias->getInit() && writable(alias->getType()) &&
        namesVar(alias->getInit(), var_))
      aliases.push_back(alias);
    return true;
  }
  std::vector<const clang::Expr *> values;
  std::vector<const clang::CallExpr *> filled_by;
  std::vector<const clang::VarDecl *> aliases;

private:
  const clang::ASTContext &ast_;
  const clang::VarDecl *var_;
};

/// The value `e` wraps as it is: the one argument of a construction
/// (`std::string("X")`, `std::string_view{name}`), a temporary, a
/// functional cast; nullptr when `e` is none of those.
const clang::Expr *wrapped(const clang::Expr *e) {
  if (const auto *construct = llvm::dyn_cast<clang::CXXConstructExpr>(e))
    return construct->getNumArgs() == 1 ? construct->getArg(0) : nullptr;
  if (const auto *tmp = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e))
    return tmp->getSubExpr();
  if (const auto *bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e))
    return bind->getSubExpr();
  if (const auto *cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(e))
    return cast->getSubExpr();
  return nullptr;
}

/// Whether nothing but its initializer sets `var`: a local or a global
/// of this TU only (`static const char *kKey = "X"`) that no statement
/// writes.
bool neverWritten(const clang::VarDecl *var) {
  clang::ASTContext &ast = var->getASTContext();
  WriteFinder writes(ast, var);
  if (var->isLocalVarDecl()) {
    const auto *fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(
        var->getParentFunctionOrMethod());
    if (!fn || !fn->getBody())
      return false;
    writes.TraverseStmt(fn->getBody());
  } else if (!var->isExternallyVisible()) {
    writes.TraverseAST(ast);
  } else {
    return false; // another TU may set it
  }
  return writes.values.empty() && writes.filled_by.empty() &&
         writes.aliases.empty();
}

/// The parameter of `in` that `e` is, itself (through casts, `c_str()`,
/// a std::string made of it), never written in `in`; else -1. Not a
/// value merely traced to it: `var = name; if (admin) var = "X"` is not
/// `name`.
int exactParam(SummaryBook &, const clang::FunctionDecl *in,
               const clang::Expr *e, int) {
  for (int depth = 0; e && depth < 8; ++depth) {
    e = e->IgnoreParenImpCasts();
    if (const auto *ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto *parm = llvm::dyn_cast<clang::ParmVarDecl>(ref->getDecl());
      const auto *fn =
          parm ? llvm::dyn_cast<clang::FunctionDecl>(parm->getDeclContext())
               : nullptr;
      if (!fn || !in || fn->getCanonicalDecl() != in->getCanonicalDecl() ||
          !in->getBody())
        return -1;
      WriteFinder writes(in->getASTContext(), parm);
      writes.TraverseStmt(in->getBody());
      return writes.values.empty() && writes.filled_by.empty() &&
                     writes.aliases.empty()
                 ? static_cast<int>(parm->getFunctionScopeIndex())
                 : -1;
    }
    if (const auto *member = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl *method = member->getMethodDecl();
      if (!method || member->getNumArgs() != 0 ||
          (method->getName() != "c_str" && method->getName() != "data"))
        return -1;
      e = member->getImplicitObjectArgument();
      continue;
    }
    if (const clang::Expr *inner = wrapped(e)) {
      e = inner;
      continue;
    }
    return -1;
  }
  return -1;
}

/// Whether an argument carries what a parameter of `in` holds.
template <typename Args>
bool handsParam(SummaryBook &book, const clang::FunctionDecl *in,
                const Args &args) {
  for (const clang::Expr *arg : args) {
    Tracer t(book, in);
    t.trace(arg);
    for (const ValueSource &v : t.sources)
      if (v.kind == ValueSource::Kind::Param ||
          v.kind == ValueSource::Kind::EnvOfParam)
        return true;
  }
  return false;
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
      // A variable that may be set to another name holds no one name.
      if (!var->isConstexpr() &&
          !var->getType().isConstant(var->getASTContext()) &&
          !neverWritten(var))
        return nullptr;
      e = var->getInit();
      continue;
    }
    if (const clang::Expr *inner = wrapped(e)) {
      e = inner;
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

bool writable(clang::QualType t) {
  if (t->isLValueReferenceType() || t->isRValueReferenceType())
    return !t.getNonReferenceType().isConstQualified();
  return t->isPointerType() && !t->getPointeeType().isConstQualified();
}

bool namesCredential(llvm::StringRef name) {
  std::string lower = name.lower();
  for (const char *word : {"key", "token", "auth", "secret", "bearer"})
    if (lower.find(word) != std::string::npos)
      return true;
  return false;
}

bool setsEnvironment(const clang::FunctionDecl *fd) {
  std::string name = fd->getNameAsString();
  return name == "setenv" || name == "putenv" || name == "unsetenv";
}

/// Whether a class is the application's or a library's other than the
/// standard one (std::string passes values through; `sdk::Request` or
/// `oai::Client` keeps what it is given, to send it with any key).
bool libraryOrApplicationClass(const clang::ASTContext &ast,
                               const clang::FunctionDecl *member) {
  const auto *method = llvm::dyn_cast<clang::CXXMethodDecl>(member);
  if (!method)
    return false;
  if (!ast.getSourceManager().isInSystemHeader(method->getLocation()))
    return true;
  return !method->getParent()->isInStdNamespace();
}

HandoffKind handoffKind(const clang::ASTContext &ast,
                        const clang::CallExpr *call) {
  const clang::FunctionDecl *fd = call->getDirectCallee();
  if (const auto *op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call))
    return op->getOperator() == clang::OO_Call ||
                   (fd && !passesValuesThrough(ast, fd))
               ? HandoffKind::Unseen
               : HandoffKind::PassesThrough;
  if (!fd)
    return HandoffKind::Unseen;
  if (const auto *method = llvm::dyn_cast<clang::CXXMethodDecl>(fd))
    if (method->isVirtual() && !method->hasAttr<clang::FinalAttr>() &&
        !method->getParent()->hasAttr<clang::FinalAttr>())
      return HandoffKind::Unseen;
  if (passesValuesThrough(ast, fd))
    return llvm::isa<clang::CXXMemberCallExpr>(call) &&
                   libraryOrApplicationClass(ast, fd)
               ? HandoffKind::Unseen
               : HandoffKind::PassesThrough;
  return HandoffKind::Application;
}

// ---------------------------------------------------------------------------
// SummaryBook

SummaryBook::SummaryBook(clang::ASTContext &ast, const SummaryTable *known,
                         bool symbolic)
    : ast_(ast), known_(known), symbolic_(symbolic) {}

std::string SummaryBook::usrOf(const clang::NamedDecl *d) {
  llvm::SmallString<128> usr;
  if (clang::index::generateUSRForDecl(d->getCanonicalDecl(), usr))
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
  s.may_send = body.bearer;
  // A parameter kept beyond the call (a member, a global, through a
  // pointer: a setter) may be sent later, with any key.
  for (const auto &[where_to, value] : body.stores) {
    const auto *ref =
        llvm::dyn_cast<clang::DeclRefExpr>(where_to->IgnoreParenImpCasts());
    const auto *var =
        ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    bool local = var && var->isLocalVarDecl() && !var->isStaticLocal() &&
                 !var->getType()->isReferenceType();
    if (!local &&
        handsParam(*this, def, std::vector<const clang::Expr *>{value}))
      s.may_send = true;
  }
  for (const clang::CXXConstructExpr *construct : body.constructs)
    if (!passesValuesThrough(ast_, construct->getConstructor()) &&
        handsParam(*this, def, construct->arguments()))
      s.may_send = true;
  for (const clang::CallExpr *call : body.calls) {
    const clang::FunctionDecl *callee = call->getDirectCallee();
    if (llvm::isa<clang::CXXOperatorCallExpr>(call))
      continue;
    if (callee == nullptr ||
        (!isGetenv(callee) && !passesValuesThrough(ast_, callee)))
      s.may_send = s.may_send || handsParam(*this, def, call->arguments());
    if (callee == nullptr)
      continue;
    if (isGetenv(callee)) {
      if (call->getNumArgs() == 1)
        if (int p = exactParam(*this, def, call->getArg(0), 0); p >= 0)
          s.name_uses.push_back(NameUse{p, "", -1, "", false});
      continue;
    }
    if (setsEnvironment(callee)) {
      // Whatever parameter it is built from, the variable is written.
      for (const clang::Expr *arg : call->arguments()) {
        Tracer t(*this, def);
        t.trace(arg);
        for (const ValueSource &v : t.sources)
          if (v.kind == ValueSource::Kind::Param)
            s.name_uses.push_back(NameUse{v.param, "", -1, "", true});
      }
      continue;
    }
    if (passesValuesThrough(ast_, callee))
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
    } else if (symbolic_ && !callee->hasBody() && !isVirtual(callee)) {
      for (unsigned i = 0; i < handed.size(); ++i)
        if (handed[i] >= 0)
          s.name_uses.push_back(NameUse{handed[i], usrOf(callee),
                                        static_cast<int>(i),
                                        callee->getNameAsString(), false});
    } else {
      // A function keyshift cannot see into (virtual, recursive, defined
      // nowhere it looked) may write the variable: not a plain read.
      for (int p : handed)
        if (p >= 0)
          s.name_uses.push_back(NameUse{p, "", -1, "", true});
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
    // A call through an object (a functor, std::function) or an operator
    // the application defines: what runs is not summarised.
    const auto *opcall = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call);
    if (opcall && (opcall->getOperator() == clang::OO_Call ||
                   (fd && !passesValuesThrough(ast, fd))))
      return add(source(ValueSource::Kind::Opaque,
                        "the result of a call through an object (" +
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

void Tracer::traceWrites(const clang::VarDecl *var, bool local, int hops) {
  // Later writes count as much as the initializer: a key read from the
  // environment and then replaced from a file is the file's key.
  if (var->getType().isConstQualified() || (local && (!in_ || !in_->getBody())))
    return;
  clang::ASTContext &ast = book_.ast();
  WriteFinder writes(ast, var);
  if (local)
    writes.TraverseStmt(in_->getBody());
  else
    writes.TraverseAST(ast);
  for (const clang::Expr *value : writes.values)
    trace(value, hops + 1);
  for (const clang::VarDecl *alias : writes.aliases)
    add(source(ValueSource::Kind::Opaque,
               "'" + var->getNameAsString() + "', written through '" +
                   alias->getNameAsString() + "' (" +
                   where(ast, alias->getLocation()) + ")"));
  for (const clang::CallExpr *call : writes.filled_by) {
    const clang::FunctionDecl *fd = call->getDirectCallee();
    add(source(ValueSource::Kind::Opaque,
               "'" + var->getNameAsString() + "' as " +
                   (fd ? fd->getNameAsString() + "()" : "an indirect call") +
                   " fills it (" + where(ast, call->getBeginLoc()) + ")"));
  }
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
    bool own = fn && in_ && fn->getCanonicalDecl() == in_->getCanonicalDecl();
    if (own) {
      s.kind = ValueSource::Kind::Param;
      s.param = static_cast<int>(parm->getFunctionScopeIndex());
    }
    add(std::move(s));
    if (own && seen_.insert(parm).second)
      traceWrites(parm, true, hops);
    return;
  }
  const auto *var = llvm::dyn_cast<clang::VarDecl>(d);
  if (var == nullptr || !seen_.insert(var).second)
    return; // functions and enumerators carry no key
  if (readsOutside(var->getType()))
    return add(source(ValueSource::Kind::Opaque,
                      "what is read from '" + var->getNameAsString() + "' (" +
                          where(ast, use) + ")"));
  if (hops >= kMaxHops)
    return add(source(ValueSource::Kind::Opaque, "'" + var->getNameAsString() +
                                                     "', traced too far (" +
                                                     where(ast, use) + ")"));
  if (const clang::Expr *init = var->getInit())
    trace(init, hops + 1);
  bool local = var->hasLocalStorage() || var->isStaticLocal();
  // A static its function hands out by reference or pointer may be written
  // by any caller, in any TU.
  if (var->isStaticLocal())
    if (const auto *fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(
            var->getParentFunctionOrMethod());
        fn && writable(fn->getReturnType()))
      add(source(ValueSource::Kind::Opaque,
                 "'" + var->getNameAsString() + "', which " +
                     fn->getNameAsString() + "() hands out to be written (" +
                     where(ast, var->getLocation()) + ")"));
  traceWrites(var, local, hops);
  // A buffer declared without initializer and filled by a library call is
  // what fills it; a global with no initializer, or one any file of the
  // program may set, holds what keyshift cannot see.
  if (!local && (!var->getInit() || var->isExternallyVisible()))
    add(source(ValueSource::Kind::Opaque, "'" + var->getNameAsString() + "' (" +
                                              where(ast, var->getLocation()) +
                                              ")"));
}

} // namespace keyshift::cpp::detail
