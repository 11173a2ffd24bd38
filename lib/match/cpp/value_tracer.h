// Traces a C++ value back to what it carries (getenv reads, parameters,
// hard-coded keys, fields) through local variables, library calls and the
// application's own functions, whose summaries (env_summary.h) are made
// here from their bodies or come from other TUs. The raw-request check
// (request_key.h) and env names passed to wrappers (`envOr(kKeyVar, "")`)
// both stand on it.
#ifndef KEYSHIFT_MATCH_CPP_VALUE_TRACER_H_
#define KEYSHIFT_MATCH_CPP_VALUE_TRACER_H_

#include "match/cpp/env_summary.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceLocation.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FunctionDecl;
class NamedDecl;
class Stmt;
class StringLiteral;
class ValueDecl;
class VarDecl;
} // namespace clang

namespace keyshift::cpp::detail {

/// "http.cc:12" for a location (its expansion, for macros).
std::string where(const clang::ASTContext &ast, clang::SourceLocation loc);

/// The string literal `e` is, directly or through a constant's
/// initializer (`kKeyVar`, `std::string("X")`); nullptr otherwise.
const clang::StringLiteral *nameLiteral(const clang::Expr *e);

/// Whether a function's result carries its arguments' values as a library
/// function's does (snprintf, std::string's members, libcurl's list
/// building): the system's and libcurl's. The application's own functions
/// are summarised instead.
bool passesValuesThrough(const clang::ASTContext &ast,
                         const clang::FunctionDecl *fd);

bool isGetenv(const clang::FunctionDecl *fd);
/// setenv, putenv, unsetenv: what writes the environment.
bool setsEnvironment(const clang::FunctionDecl *fd);

/// Whether a member function's class is the application's, or a library's
/// other than the standard one (std::string passes values through;
/// `sdk::Request` or `oai::Client` keeps what it is given, to send it with
/// any key).
bool libraryOrApplicationClass(const clang::ASTContext &ast,
                               const clang::FunctionDecl *member);

/// What a call does with the values it is given.
enum class HandoffKind {
  PassesThrough, ///< a library function, an operator: the value goes on
  Application,   ///< the application's function: its request decides
  Unseen,        ///< through an object, a pointer, a library object
};
HandoffKind handoffKind(const clang::ASTContext &ast,
                        const clang::CallExpr *call);

/// Whether a name says it holds or takes a credential (`api_key`,
/// `set_token`, `auth`, `secret`, `bearer`).
bool namesCredential(llvm::StringRef name);

/// Whether a parameter or variable of this type lets its holder write what
/// it refers to (a non-const reference or pointer).
bool writable(clang::QualType t);

/// A RecursiveASTVisitor that knows the function it is in.
template <typename Derived>
class InFunctionVisitor : public clang::RecursiveASTVisitor<Derived> {
public:
  bool TraverseDecl(clang::Decl *d) {
    const clang::FunctionDecl *saved = current_;
    if (const auto *fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(d))
      current_ = fn;
    bool more = clang::RecursiveASTVisitor<Derived>::TraverseDecl(d);
    current_ = saved;
    return more;
  }

protected:
  const clang::FunctionDecl *current() const { return current_; }

private:
  const clang::FunctionDecl *current_ = nullptr;
};

/// The summaries of one TU's functions, made on first use.
class SummaryBook {
public:
  /// `known`: resolved summaries from other TUs (may be null). `symbolic`:
  /// a call to a function this TU does not define stays a Call (the
  /// engine resolves it across TUs) instead of an Opaque result.
  SummaryBook(clang::ASTContext &ast, const SummaryTable *known, bool symbolic);

  /// `fd`'s summary, from `known` or its body here; nullptr when neither
  /// has it (wanted() then names it), it is virtual, or it is being made
  /// (recursion).
  const FunctionSummary *summaryOf(const clang::FunctionDecl *fd);
  /// The arguments of `call` as summaries take them.
  std::vector<ArgValue> argValues(const clang::CallExpr *call,
                                  const clang::FunctionDecl *in, int hops);

  /// USR -> name of the functions asked for that no summary had.
  const std::map<std::string, std::string> &wanted() const { return wanted_; }
  bool symbolic() const { return symbolic_; }
  clang::ASTContext &ast() { return ast_; }

  /// The USR of a function or variable ("" when Clang has none).
  static std::string usrOf(const clang::NamedDecl *d);

private:
  FunctionSummary make(const clang::FunctionDecl *def);

  clang::ASTContext &ast_;
  const SummaryTable *known_;
  bool symbolic_;
  std::map<const clang::FunctionDecl *, FunctionSummary> made_;
  std::set<const clang::FunctionDecl *> making_;
  std::map<std::string, std::string> wanted_;
};

/// Follows a value inside function `in` back to its sources. Operators,
/// member calls (c_str, append) and library functions pass their
/// operands' values through; the application's functions pass what their
/// summaries say.
class Tracer {
public:
  Tracer(SummaryBook &book, const clang::FunctionDecl *in)
      : book_(book), in_(in) {}

  void trace(const clang::Stmt *s, int hops = 0);

  std::vector<ValueSource> sources;

private:
  void traceCall(const clang::CallExpr *call, int hops);
  void traceDecl(const clang::ValueDecl *d, clang::SourceLocation use,
                 int hops);
  void traceWrites(const clang::VarDecl *var, bool local, int hops);
  void add(ValueSource s);

  static constexpr int kMaxHops = 8;
  SummaryBook &book_;
  const clang::FunctionDecl *in_;
  std::set<const clang::VarDecl *> seen_;
};

} // namespace keyshift::cpp::detail

#endif // KEYSHIFT_MATCH_CPP_VALUE_TRACER_H_
