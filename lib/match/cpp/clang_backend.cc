// Everything here includes Clang; keep it to this one TU (a LibTooling TU
// costs ~25 s and ~1 GB to compile).
#include "match/cpp/clang_backend.h"

#include "base/content_hash.h"
#include "base/index_pool.h"
#include "base/model_naming.h"
#include "base/source_file.h"
#include "match/cpp/compiler_standard.h"
#include "match/cpp/cross_tu_calls.h"
#include "match/cpp/held_change.h"
#include "match/cpp/literal_edit.h"
#include "match/cpp/request_key.h"
#include "match/cpp/skipped_literals.h"
#include "match/cpp/value_tracer.h"
#include "match/rule_finding.h"
#include "match/secret_literal.h"
#include "ruleset/rule.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/Dynamic/Parser.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#ifndef KEYSHIFT_CLANG_RESOURCE_DIR
#error                                                                         \
    "KEYSHIFT_CLANG_RESOURCE_DIR must name the resource dir of the Clang linked"
#endif

namespace keyshift::cpp::detail {

namespace fs = std::filesystem;
namespace am = clang::ast_matchers;
namespace dyn = clang::ast_matchers::dynamic;
using ruleset::ActionType;
using ruleset::Rule;

std::string canonicalPath(const std::string &path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::path(path), ec);
  if (ec)
    return fs::path(path).lexically_normal().string();
  return p.string();
}

// ---------------------------------------------------------------------------
// Compile commands

namespace {

bool isHeaderPath(const std::string &path) {
  std::string ext = fs::path(path).extension().string();
  return ext == ".h" || ext == ".hh" || ext == ".hpp" || ext == ".hxx" ||
         ext == ".inc" || ext == ".ipp";
}

/// A C (not C++) command: `-x c`, or a .c file without `-x`. Clang and GCC
/// agree on C's default, so those need no answer from the compiler.
bool isCSource(const CompileCommand &cc) {
  for (std::size_t i = 0; i + 1 < cc.args.size(); ++i)
    if (cc.args[i] == "-x")
      return cc.args[i + 1] == "c";
  for (const std::string &a : cc.args)
    if (a.rfind("-x", 0) == 0 && a.size() > 2)
      return a == "-xc";
  return fs::path(cc.file).extension() == ".c";
}

CompileCommand fromClang(const clang::tooling::CompileCommand &cc) {
  CompileCommand out;
  out.directory = cc.Directory;
  out.file = cc.Filename;
  out.args = cc.CommandLine;
  out.from_database = true;
  return out;
}

} // namespace

struct CommandSource::Impl {
  explicit Impl(std::string root) : standards(std::move(root)) {}
  std::optional<std::string> compile_db_dir;
  std::vector<std::string> fallback_include_dirs;
  // Directory -> database loaded there (null: none there). Walking up from
  // many files asks about the same directories again and again.
  std::map<std::string, std::shared_ptr<clang::tooling::CompilationDatabase>>
      by_dir;
  std::shared_ptr<clang::tooling::CompilationDatabase> forced;
  std::optional<std::string> forced_error;
  bool forced_loaded = false;
  CompilerStandards standards;
  std::vector<std::string> notes;

  /// Gives a C++ command without `-std` its compiler's default standard.
  void addDefaultStandard(CompileCommand &cc) {
    if (cc.args.empty() || namesStandard(cc.args) || isCSource(cc))
      return;
    DefaultStandard std = standards.standardFor(cc.args[0], cc.directory);
    cc.args.insert(cc.args.begin() + 1, std.flag);
    if (std.note &&
        std::find(notes.begin(), notes.end(), *std.note) == notes.end())
      notes.push_back(*std.note);
  }

  std::shared_ptr<clang::tooling::CompilationDatabase>
  loadDir(const std::string &dir, std::string *error) {
    auto it = by_dir.find(dir);
    if (it != by_dir.end())
      return it->second;
    std::shared_ptr<clang::tooling::CompilationDatabase> db;
    if (fs::exists(fs::path(dir) / "compile_commands.json")) {
      std::string err;
      auto json =
          clang::tooling::JSONCompilationDatabase::loadFromDirectory(dir, err);
      if (json)
        db = clang::tooling::inferMissingCompileCommands(std::move(json));
      else if (error)
        *error = err;
    }
    by_dir.emplace(dir, db);
    return db;
  }
};

CommandSource::CommandSource(std::optional<std::string> compile_db_dir,
                             std::vector<std::string> fallback_include_dirs,
                             std::string root)
    : impl_(std::make_unique<Impl>(std::move(root))) {
  impl_->compile_db_dir = std::move(compile_db_dir);
  impl_->fallback_include_dirs = std::move(fallback_include_dirs);
}

CommandSource::~CommandSource() = default;

std::vector<std::string> CommandSource::databaseFiles() const {
  std::set<std::string> files;
  auto add = [&](const clang::tooling::CompilationDatabase *db) {
    if (db)
      for (const std::string &f : db->getAllFiles())
        files.insert(canonicalPath(f));
  };
  add(impl_->forced.get());
  for (const auto &[dir, db] : impl_->by_dir)
    add(db.get());
  return {files.begin(), files.end()};
}

const std::vector<std::string> &CommandSource::notes() const {
  return impl_->notes;
}

Result<CompileCommand> CommandSource::commandFor(const std::string &abs_file) {
  std::shared_ptr<clang::tooling::CompilationDatabase> db;
  if (impl_->compile_db_dir) {
    if (!impl_->forced_loaded) {
      impl_->forced_loaded = true;
      std::string err;
      impl_->forced = impl_->loadDir(*impl_->compile_db_dir, &err);
      if (!impl_->forced)
        impl_->forced_error = *impl_->compile_db_dir +
                              ": no usable compile_commands.json" +
                              (err.empty() ? std::string() : ": " + err);
    }
    if (!impl_->forced)
      return makeError(ErrorCode::Usage, *impl_->forced_error);
    db = impl_->forced;
  } else {
    for (fs::path dir = fs::path(abs_file).parent_path();;
         dir = dir.parent_path()) {
      db = impl_->loadDir(dir.string(), nullptr);
      if (db || dir == dir.parent_path())
        break;
    }
  }
  if (db) {
    std::vector<clang::tooling::CompileCommand> cmds =
        db->getCompileCommands(abs_file);
    if (!cmds.empty()) {
      CompileCommand cc = fromClang(cmds.front());
      cc.file = abs_file;
      impl_->addDefaultStandard(cc);
      return cc;
    }
  }
  CompileCommand cc;
  cc.directory = fs::path(abs_file).parent_path().string();
  cc.file = abs_file;
  cc.args = {"clang++"};
  if (isHeaderPath(abs_file)) {
    cc.args.push_back("-x");
    cc.args.push_back("c++");
  }
  cc.args.push_back("-std=c++17");
  for (const std::string &dir : impl_->fallback_include_dirs)
    cc.args.push_back("-I" + dir);
  cc.args.push_back(abs_file);
  return cc;
}

namespace {

// ---------------------------------------------------------------------------
// Matchers

std::set<std::string> boundNames(std::string_view query) {
  std::set<std::string> names;
  static constexpr std::string_view kBind = ".bind(\"";
  for (std::size_t at = query.find(kBind); at != std::string_view::npos;
       at = query.find(kBind, at + 1)) {
    std::size_t begin = at + kBind.size();
    std::size_t end = query.find('"', begin);
    if (end == std::string_view::npos)
      break;
    names.insert(std::string(query.substr(begin, end - begin)));
  }
  return names;
}

Result<dyn::DynTypedMatcher> parseMatcher(const Rule &rule) {
  dyn::Diagnostics diag;
  llvm::StringRef code(rule.query);
  llvm::Optional<dyn::DynTypedMatcher> matcher =
      dyn::Parser::parseMatcherExpression(code, &diag);
  if (!matcher) {
    std::string msg = diag.toString();
    // "1:14: Error parsing ..." -> "/query:1:14: error parsing ..."
    std::size_t colon2 = msg.find(':', msg.find(':') + 1);
    if (colon2 != std::string::npos && colon2 + 2 < msg.size() &&
        msg[colon2 + 1] == ' ')
      msg[colon2 + 2] = static_cast<char>(
          std::tolower(static_cast<unsigned char>(msg[colon2 + 2])));
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == '.'))
      msg.pop_back();
    return makeError(ErrorCode::Config, rule.source + ": /query:" + msg);
  }
  am::MatchFinder probe;
  if (!probe.addDynamicMatcher(*matcher, nullptr))
    return makeError(ErrorCode::Config,
                     rule.source + ": /query: a top-level matcher must match a "
                                   "declaration, statement or type");
  std::set<std::string> bound = boundNames(rule.query);
  std::vector<std::string> bound_list(bound.begin(), bound.end());
  auto check = [&](const std::string &name,
                   const std::string &pointer) -> Result<void> {
    if (bound.count(name))
      return {};
    return makeError(
        ErrorCode::Config,
        rule.source + ": " + pointer + ": unknown capture '" + name +
            "' (the query binds " +
            (bound_list.empty()
                 ? std::string("nothing")
                 : "'" + bound_list.front() + "'" +
                       (bound_list.size() > 1 ? " and more" : "")) +
            ")");
  };
  if (!rule.capture.empty()) {
    Result<void> ok = check(rule.capture, "/capture");
    if (!ok)
      return ok.error();
  }
  for (const ruleset::Constraint &c : rule.where) {
    Result<void> ok = check(c.capture, "/where/" + c.capture);
    if (!ok)
      return ok.error();
  }
  return *matcher;
}

// ---------------------------------------------------------------------------
// Match handling

struct Located {
  std::string canonical;
  std::size_t offset = 0; ///< without BOM
  std::size_t length = 0;
  std::string text; ///< the bytes there
  bool ok = false;
};

class MatchContext {
public:
  MatchContext(const ProxyTarget &proxy, const Scope &scope,
               std::vector<LocatedFinding> *out,
               std::map<std::string, std::uint64_t> *parsed_hashes)
      : proxy_(proxy), scope_(scope), out_(out), parsed_hashes_(parsed_hashes) {
  }

  const ProxyTarget &proxy() const { return proxy_; }

  /// The rules this TU runs (a key read moves only if one renames it), and
  /// every rule of the run (what an untraced key may be a read of: the
  /// rename may happen in another TU).
  void setRules(const std::vector<const Rule *> *rules,
                std::vector<const Rule *> all) {
    rules_ = rules;
    all_rules_ = std::move(all);
  }

  /// Whether a getenv of `name` reads K after this run: some rule of the
  /// run renames it. The read may be in another TU (a summary's), and a
  /// TU that holds the name runs the rule on it (the name is its trigger).
  bool keyVarMoves(const std::string &name) const {
    if (proxy_.key_env.empty())
      return false;
    if (name == proxy_.key_env)
      return true;
    for (const Rule *r : all_rules_)
      if (r->action.type == ActionType::RenameEnvVar &&
          r->action.to == "key_env" &&
          std::find(r->action.from.begin(), r->action.from.end(), name) !=
              r->action.from.end())
        return true;
    return false;
  }

  /// The variables a getenv of which this run renames to K: what a key
  /// keyshift cannot trace might be a read of (the plan's flows).
  std::vector<std::string> keyVarNames() const {
    std::set<std::string> names;
    for (const Rule *r : all_rules_)
      if (r->action.type == ActionType::RenameEnvVar &&
          r->action.to == "key_env")
        names.insert(r->action.from.begin(), r->action.from.end());
    names.erase(proxy_.key_env);
    return {names.begin(), names.end()};
  }

  /// The summaries of this TU's functions (and `known`, other TUs'), made
  /// on first use; symbolic for a TU parsed only for its summaries.
  SummaryBook &book(clang::ASTContext &ast) {
    if (!book_)
      book_ = std::make_unique<SummaryBook>(ast, known_, symbolic_);
    return *book_;
  }
  /// `known`: other TUs' summaries; `exported`: where this TU's go
  /// (`symbolic`: a TU parsed for them, SummaryBook).
  void setSummaries(const SummaryTable *known, SummaryTable *exported,
                    bool symbolic) {
    known_ = known;
    exported_ = exported;
    symbolic_ = symbolic;
  }
  void setCallers(const CallerChecks *callers) { callers_ = callers; }
  /// What this TU's URLs leave it through.
  std::map<std::string, std::string> escapes() const {
    return request_keys_ ? request_keys_->escapes()
                         : std::map<std::string, std::string>{};
  }
  void exportSummaries(SummaryTable table) { *exported_ = std::move(table); }
  void answerCallers(CallerChecks checks) { *answers_ = std::move(checks); }
  void setAnswers(CallerChecks *answers) { answers_ = answers; }
  /// What the TU's findings asked of functions no summary had.
  std::map<std::string, std::string> wanted() const {
    return book_ ? book_->wanted() : std::map<std::string, std::string>{};
  }

  /// The raw-request key check for this TU, made on first use.
  RequestKeys &requestKeys(clang::ASTContext &ast) {
    if (!request_keys_)
      request_keys_ = std::make_unique<RequestKeys>(
          book(ast),
          [this](const std::string &name) { return keyVarMoves(name); },
          callers_);
    return *request_keys_;
  }

  /// Calls a rule matched: their arguments were decided there.
  void noteRuleCall(const clang::CallExpr *call) { rule_calls_.insert(call); }
  bool ruleCall(const clang::CallExpr *call) const {
    return rule_calls_.count(call) > 0;
  }
  const std::vector<const Rule *> &rules() const { return *rules_; }

  bool sendsUntracedKey() const {
    return request_keys_ && request_keys_->sendsUntracedKey();
  }

  /// The file holding `loc`, canonical; "" for scratch/built-in buffers.
  std::string fileOf(clang::SourceLocation loc,
                     const clang::SourceManager &sm) {
    clang::FileID fid = sm.getFileID(loc);
    auto cached = path_cache_.find(fid.getHashValue());
    if (cached != path_cache_.end())
      return cached->second;
    std::string result;
    if (const clang::FileEntry *fe = sm.getFileEntryForID(fid)) {
      llvm::StringRef real = fe->tryGetRealPathName();
      if (!real.empty()) {
        result = canonicalPath(real.str());
      } else {
        llvm::SmallString<256> abs(fe->getName());
        sm.getFileManager().makeAbsolutePath(abs);
        result = canonicalPath(std::string(abs.str()));
      }
    }
    path_cache_.emplace(fid.getHashValue(), result);
    return result;
  }

  bool inScope(const std::string &canonical) const {
    return !canonical.empty() && scope_.count(canonical) > 0;
  }

  /// A file location and token/char length -> Located (BOM removed).
  Located locate(clang::SourceLocation file_loc, unsigned length,
                 const clang::SourceManager &sm) {
    Located l;
    l.canonical = fileOf(file_loc, sm);
    if (l.canonical.empty())
      return l;
    clang::FileID fid = sm.getFileID(file_loc);
    bool invalid = false;
    llvm::StringRef buffer = sm.getBufferData(fid, &invalid);
    if (invalid)
      return l;
    if (parsed_hashes_->count(l.canonical) == 0)
      parsed_hashes_->emplace(l.canonical,
                              contentHash({buffer.data(), buffer.size()}));
    unsigned offset = sm.getFileOffset(file_loc);
    if (offset + length > buffer.size())
      return l;
    l.text = buffer.substr(offset, length).str();
    std::size_t bom = buffer.startswith(SourceFile::kUtf8Bom)
                          ? SourceFile::kUtf8Bom.size()
                          : 0;
    if (offset < bom)
      return l;
    l.offset = offset - bom;
    l.length = length;
    l.ok = true;
    return l;
  }

  /// The expansion range of a node, as one located span in one file.
  Located locateNode(clang::SourceRange range, const clang::SourceManager &sm,
                     const clang::LangOptions &lo) {
    clang::CharSourceRange r = sm.getExpansionRange(range);
    clang::SourceLocation begin = r.getBegin();
    clang::SourceLocation end = r.getEnd();
    if (r.isTokenRange())
      end = clang::Lexer::getLocForEndOfToken(end, 0, sm, lo);
    if (begin.isInvalid() || end.isInvalid() ||
        sm.getFileID(begin) != sm.getFileID(end))
      return Located{};
    unsigned b = sm.getFileOffset(begin);
    unsigned e = sm.getFileOffset(end);
    if (e < b)
      return Located{};
    return locate(begin, e - b, sm);
  }

  void emit(std::string canonical, Finding f) {
    out_->push_back(LocatedFinding{std::move(canonical), std::move(f)});
  }

private:
  const ProxyTarget &proxy_;
  const Scope &scope_;
  std::vector<LocatedFinding> *out_;
  std::map<std::string, std::uint64_t> *parsed_hashes_;
  std::map<unsigned, std::string> path_cache_;
  const std::vector<const Rule *> *rules_ = nullptr;
  std::vector<const Rule *> all_rules_;
  const SummaryTable *known_ = nullptr;
  SummaryTable *exported_ = nullptr;
  bool symbolic_ = false;
  const CallerChecks *callers_ = nullptr;
  CallerChecks *answers_ = nullptr;
  std::unique_ptr<SummaryBook> book_;
  std::unique_ptr<RequestKeys> request_keys_;
  std::set<const clang::CallExpr *> rule_calls_;
};

/// Where one piece of a string literal can be edited: at its spelling,
/// when that is a real file in scope; otherwise nowhere.
struct LiteralPiece {
  Located where;         ///< spelled token
  Located expansion;     ///< where the user sees it (macro use site)
  bool in_macro = false; ///< spelled in a macro body or argument
  bool editable = false;
};

LiteralPiece locatePiece(const clang::StringLiteral *lit, unsigned index,
                         const clang::SourceManager &sm,
                         const clang::LangOptions &lo, MatchContext &ctx) {
  LiteralPiece piece;
  clang::SourceLocation loc = lit->getStrTokenLoc(index);
  piece.in_macro = loc.isMacroID();
  clang::SourceLocation spelling = sm.getSpellingLoc(loc);
  unsigned len = clang::Lexer::MeasureTokenLength(spelling, sm, lo);
  piece.where = ctx.locate(spelling, len, sm);
  clang::SourceLocation expansion = sm.getExpansionLoc(loc);
  piece.expansion = ctx.locate(
      expansion, clang::Lexer::MeasureTokenLength(expansion, sm, lo), sm);
  piece.editable = piece.where.ok && ctx.inScope(piece.where.canonical);
  return piece;
}

std::string captureText(const clang::DynTypedNode &node,
                        const clang::SourceManager &sm,
                        const clang::LangOptions &lo) {
  if (const auto *lit = node.get<clang::StringLiteral>()) {
    if (lit->getCharByteWidth() == 1)
      return lit->getString().str();
    // Wide literals: ASCII code units are enough to match URLs and names.
    std::string text;
    for (unsigned i = 0; i < lit->getLength(); ++i) {
      std::uint32_t unit = lit->getCodeUnit(i);
      text += unit < 0x80 ? static_cast<char>(unit) : '?';
    }
    return text;
  }
  if (const auto *decl = node.get<clang::NamedDecl>())
    return decl->getQualifiedNameAsString();
  if (const auto *ref = node.get<clang::DeclRefExpr>())
    return ref->getDecl()->getQualifiedNameAsString();
  clang::CharSourceRange r = sm.getExpansionRange(node.getSourceRange());
  return clang::Lexer::getSourceText(r, sm, lo).str();
}

Finding baseFinding(const Rule &rule) { return ruleFinding(rule, {}, ""); }

void setChange(Finding &f, const Located &at, std::string replacement) {
  f.action = FindingAction::Rewritten;
  f.after = replacement;
  f.change = ChangeGroup{f.rule_id,
                         {Edit{ByteRange{at.offset, at.length},
                               std::move(replacement), f.rule_id}}};
}

std::string cppStringLiteral(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string getenvCall(std::string_view var) {
  return "std::getenv(" + cppStringLiteral(var) + ")";
}

/// A report at the literal's use site, when that is in scope.
/// `flow_envs`: the variables this site reads or sends, which it keeps on
/// OpenAI (the plan holds their flows everywhere).
void emitNeedsReview(const Rule &rule, const LiteralPiece &piece,
                     std::string message, MatchContext &ctx,
                     std::vector<std::string> flow_envs = {}) {
  const Located &at = piece.where.ok && ctx.inScope(piece.where.canonical)
                          ? piece.where
                          : piece.expansion;
  if (!at.ok || !ctx.inScope(at.canonical))
    return;
  Finding f = baseFinding(rule);
  f.kind = FindingKind::NeedsReview;
  f.message = std::move(message);
  f.range = ByteRange{at.offset, at.length};
  f.before = at.text;
  f.flow_envs = std::move(flow_envs);
  ctx.emit(at.canonical, std::move(f));
}

const clang::StringLiteral *literalIn(const clang::DynTypedNode &node) {
  if (const auto *lit = node.get<clang::StringLiteral>())
    return lit;
  if (const auto *e = node.get<clang::Expr>())
    return llvm::dyn_cast<clang::StringLiteral>(e->IgnoreParenImpCasts());
  return nullptr;
}

/// `through`: how the name reaches getenv when not directly (" (read
/// through envOr(), env.cc:5)"), for the message.
void renameEnvVar(const Rule &rule, const clang::StringLiteral *lit,
                  const clang::SourceManager &sm, const clang::LangOptions &lo,
                  MatchContext &ctx, const std::string &through = "") {
  if (lit->getCharByteWidth() != 1)
    return;
  std::string name = lit->getString().str();
  const auto &from = rule.action.from;
  if (std::find(from.begin(), from.end(), name) == from.end())
    return;
  const ProxyTarget &proxy = ctx.proxy();
  std::string target =
      rule.action.to == "base_url_env" ? proxy.base_url_env : proxy.key_env;
  LiteralPiece piece = locatePiece(lit, 0, sm, lo, ctx);
  if (lit->getNumConcatenated() != 1) {
    emitNeedsReview(rule, piece,
                    "environment variable name split across literals; "
                    "rename it by hand",
                    ctx, {name});
    return;
  }
  if (!piece.editable) {
    emitNeedsReview(rule, piece,
                    "environment variable name spelled in a macro outside "
                    "the project; rename it by hand",
                    ctx, {name});
    return;
  }
  Finding f = baseFinding(rule);
  f.message += through;
  f.range = ByteRange{piece.where.offset, piece.where.length};
  f.before = piece.where.text;
  f.flow_envs = {name};
  if (target.empty()) {
    // No BE configured: the code keeps reading OPENAI_BASE_URL; say so.
    f.message += " (no base_url_env configured: set " + name + " to " +
                 proxy.base_url + " where this runs)";
    ctx.emit(piece.where.canonical, std::move(f));
    return;
  }
  std::optional<SpelledLiteral> spelled =
      parseStringLiteralToken(piece.where.text);
  std::optional<std::string> body =
      spelled ? encodeForLiteral(target, *spelled) : std::nullopt;
  if (!body)
    return;
  Located at = piece.where;
  at.offset += spelled->body_offset;
  at.length = spelled->body_length;
  std::string after = piece.where.text;
  after.replace(spelled->body_offset, spelled->body_length, *body);
  setChange(f, at, *body);
  f.after = after;
  ctx.emit(piece.where.canonical, std::move(f));
}

/// One piece of a literal that mentions the OpenAI host, and how its URLs
/// move (rewriteUrlPrefixes on the token as spelled).
struct UrlPiece {
  LiteralPiece piece;
  UrlRewrite rewrite;
};

/// The pieces of `lit` that mention the OpenAI host; *split when the
/// literal holds the host only across pieces.
std::vector<UrlPiece> urlPieces(const clang::StringLiteral *lit,
                                const std::vector<std::string> &prefixes,
                                const clang::SourceManager &sm,
                                const clang::LangOptions &lo, MatchContext &ctx,
                                std::optional<LiteralPiece> *first) {
  std::vector<UrlPiece> out;
  for (unsigned i = 0; i < lit->getNumConcatenated(); ++i) {
    LiteralPiece piece = locatePiece(lit, i, sm, lo, ctx);
    if (!*first)
      *first = piece;
    if (!piece.where.ok)
      continue;
    std::optional<SpelledLiteral> spelled =
        parseStringLiteralToken(piece.where.text);
    if (!spelled)
      continue;
    UrlRewrite rw = rewriteUrlPrefixes(piece.where.text, *spelled, prefixes,
                                       ctx.proxy().base_url);
    if (rw.status != UrlRewriteStatus::NoOpenAiHost)
      out.push_back(UrlPiece{piece, std::move(rw)});
  }
  return out;
}

/// Why the URLs of `p` cannot be edited in place, or "" when they can.
std::string uneditable(const UrlPiece &p) {
  if (p.rewrite.status == UrlRewriteStatus::NeedsReview)
    return "OpenAI URL in a form keyshift does not rewrite; point it at the "
           "proxy by hand";
  if (!p.piece.editable)
    return "OpenAI URL spelled in a macro outside the project; point it at "
           "the proxy by hand";
  return "";
}

/// The edits moving the URLs of `p` to the proxy.
std::vector<Edit> urlEdits(const UrlPiece &p, const std::string &rule_id) {
  std::vector<Edit> edits;
  for (const TokenEdit &e : p.rewrite.edits)
    edits.push_back(Edit{ByteRange{p.piece.where.offset + e.offset, e.length},
                         e.replacement, rule_id});
  return edits;
}

/// Why a hand-written request cannot move to this proxy as it is: the
/// proxy needs headers keyshift does not add in C++; "" when it can.
std::string lacksHeaders(const ProxyTarget &proxy) {
  if (proxy.headers.empty())
    return "";
  return "the proxy needs headers (" + headerList(proxy) +
         ") that keyshift does not add to a hand-written request: add them "
         "(keyshift::shim::ClientOptions::headers, for the shim's client) and "
         "move it by hand";
}

void replaceUrlPrefix(const Rule &rule, const clang::StringLiteral *lit,
                      const clang::SourceManager &sm,
                      const clang::LangOptions &lo, clang::ASTContext &ast,
                      MatchContext &ctx) {
  // Issue 9: a request whose Authorization header keeps an OpenAI key
  // must keep its OpenAI URL too.
  std::optional<RequestCheck> request;
  std::optional<LiteralPiece> first;
  std::vector<UrlPiece> pieces =
      urlPieces(lit, rule.action.prefixes, sm, lo, ctx, &first);
  for (const UrlPiece &p : pieces) {
    if (std::string why = uneditable(p); !why.empty()) {
      emitNeedsReview(rule, p.piece, why, ctx);
      continue;
    }
    if (!request)
      request = ctx.requestKeys(ast).check(lit);
    if (request->blocked) {
      // The keys its requests send stay with it; a key keyshift cannot
      // name may be a read renamed elsewhere in the repository: those
      // variables' flows stay too.
      std::vector<std::string> stays = request->sends;
      if (request->untraced)
        for (const std::string &name : ctx.keyVarNames())
          stays.push_back(name);
      std::sort(stays.begin(), stays.end());
      stays.erase(std::unique(stays.begin(), stays.end()), stays.end());
      emitNeedsReview(rule, p.piece,
                      "OpenAI URL not moved: " + *request->blocked, ctx,
                      std::move(stays));
      continue;
    }
    if (std::string why = lacksHeaders(ctx.proxy()); !why.empty()) {
      // The keys its requests send stay with it.
      emitNeedsReview(rule, p.piece, "OpenAI URL not moved: " + why, ctx,
                      request->relies_on);
      continue;
    }
    const Located &where = p.piece.where;
    Finding f = baseFinding(rule);
    f.range = ByteRange{where.offset, where.length};
    f.before = where.text;
    f.action = FindingAction::Rewritten;
    std::string after = where.text;
    for (auto it = p.rewrite.edits.rbegin(); it != p.rewrite.edits.rend(); ++it)
      after.replace(it->offset, it->length, it->replacement);
    f.after = after;
    f.change = ChangeGroup{rule.id, urlEdits(p, rule.id)};
    f.flow_envs = request->relies_on;
    ctx.emit(where.canonical, std::move(f));
  }
  if (pieces.empty() && first && lit->getCharByteWidth() == 1 &&
      lit->getString().contains(kOpenAiHost))
    emitNeedsReview(rule, *first,
                    "OpenAI URL split across adjacent literals; point it at "
                    "the proxy by hand",
                    ctx);
}

/// Whether the code right before a literal makes it the value of a JSON
/// body's "model" entry: `{"model", <lit>}` (nlohmann::json's object
/// initializer) or `body["model"] = <lit>`.
bool followsModelKey(std::string_view before) {
  auto trim = [&] {
    while (!before.empty() &&
           std::isspace(static_cast<unsigned char>(before.back())))
      before.remove_suffix(1);
  };
  auto take = [&](std::string_view s) {
    trim();
    if (!before.ends_with(s))
      return false;
    before.remove_suffix(s.size());
    return true;
  };
  if (take(","))
    return take("\"model\"") && take("{");
  return take("=") && !before.ends_with("=") && take("]") &&
         take("\"model\"") && take("[");
}

/// Issue 17: the model name in a JSON body built in C++ takes the proxy's
/// naming when the request beside it moves (the OpenAI URLs its function
/// sends to, each decided as replaceUrlPrefix decides it); the name's edit
/// joins theirs, so URL, key and name move together or not at all. A body
/// built where no OpenAI URL is in sight is not reported (keyshift cannot
/// tell where it goes).
void setBodyModelName(const Rule &rule, const clang::StringLiteral *lit,
                      const clang::SourceManager &sm,
                      const clang::LangOptions &lo, clang::ASTContext &ast,
                      MatchContext &ctx) {
  if (lit->getNumConcatenated() != 1 || lit->getCharByteWidth() != 1)
    return;
  auto [file, offset] =
      sm.getDecomposedLoc(sm.getSpellingLoc(lit->getStrTokenLoc(0)));
  bool invalid = false;
  llvm::StringRef buffer = sm.getBufferData(file, &invalid);
  if (invalid || offset > buffer.size())
    return;
  unsigned from = offset > 80 ? offset - 80 : 0;
  if (!followsModelKey({buffer.data() + from, offset - from}))
    return;
  LiteralPiece piece = locatePiece(lit, 0, sm, lo, ctx);
  if (!piece.editable)
    return;
  std::vector<const clang::StringLiteral *> urls =
      ctx.requestKeys(ast).urlsBeside(lit);
  std::vector<Edit> edits;
  std::vector<std::string> relies_on;
  std::string stays;
  bool any = false;
  for (const clang::StringLiteral *url : urls) {
    std::optional<LiteralPiece> first;
    for (const UrlPiece &p :
         urlPieces(url, rule.action.prefixes, sm, lo, ctx, &first)) {
      any = true;
      std::string why = uneditable(p);
      if (why.empty())
        why = lacksHeaders(ctx.proxy());
      if (why.empty()) {
        if (RequestCheck c = ctx.requestKeys(ast).check(url); c.blocked)
          why = *c.blocked;
        else
          relies_on.insert(relies_on.end(), c.relies_on.begin(),
                           c.relies_on.end());
      }
      if (!why.empty() && stays.empty())
        stays = why;
      std::vector<Edit> e = urlEdits(p, rule.id);
      edits.insert(edits.end(), e.begin(), e.end());
    }
  }
  if (!any)
    return;
  Finding f = baseFinding(rule);
  f.range = ByteRange{piece.where.offset, piece.where.length};
  f.before = piece.where.text;
  std::string name = lit->getString().str();
  ProxyModelName m = proxyModelName(ctx.proxy().models, name);
  std::optional<SpelledLiteral> spelled =
      parseStringLiteralToken(piece.where.text);
  std::optional<std::string> encoded;
  if (spelled && !m.to.empty())
    encoded = encodeForLiteral(m.to, *spelled);
  auto reported = [&](const std::string &why) {
    f.message = rule.message + " (not rewritten: " + why + ")";
    ctx.emit(piece.where.canonical, std::move(f));
  };
  if ((m.to.empty() && m.why.empty()) || m.to == name) {
    ctx.emit(piece.where.canonical, std::move(f)); // nothing to change
    return;
  }
  if (!stays.empty())
    return reported("the request stays on OpenAI, which knows the name as it "
                    "is: " +
                    stays);
  if (!m.why.empty())
    return reported(m.why);
  if (!encoded)
    return reported("the literal cannot hold the proxy's name as written");
  Edit name_edit{ByteRange{piece.where.offset + spelled->body_offset,
                           spelled->body_length},
                 *encoded, rule.id};
  edits.push_back(name_edit);
  f.message = "model name takes the proxy's naming: " + name + " -> " + m.to;
  f.action = FindingAction::Rewritten;
  f.after = piece.where.text;
  f.after.replace(spelled->body_offset, spelled->body_length, *encoded);
  std::sort(relies_on.begin(), relies_on.end());
  relies_on.erase(std::unique(relies_on.begin(), relies_on.end()),
                  relies_on.end());
  f.flow_envs = std::move(relies_on);
  f.change = ChangeGroup{rule.id, std::move(edits)};
  ctx.emit(piece.where.canonical, std::move(f));
}

bool stdGetenvDeclared(clang::ASTContext &ast) {
  clang::TranslationUnitDecl *tu = ast.getTranslationUnitDecl();
  for (clang::NamedDecl *d : tu->lookup(&ast.Idents.get("std")))
    if (auto *ns = llvm::dyn_cast<clang::NamespaceDecl>(d))
      if (!ns->lookup(&ast.Idents.get("getenv")).empty())
        return true;
  return false;
}

bool decaysToPointer(const clang::StringLiteral *lit, clang::ASTContext &ast) {
  for (const clang::DynTypedNode &parent : ast.getParents(*lit)) {
    if (const auto *cast = parent.get<clang::ImplicitCastExpr>())
      return cast->getCastKind() == clang::CK_ArrayToPointerDecay;
  }
  return false;
}

void replaceSecret(const Rule &rule, const clang::StringLiteral *lit,
                   const clang::SourceManager &sm, const clang::LangOptions &lo,
                   clang::ASTContext &ast, MatchContext &ctx) {
  if (lit->getCharByteWidth() != 1)
    return;
  std::optional<SecretInfo> secret = secretLiteral(lit->getString());
  if (!secret)
    return;
  LiteralPiece piece = locatePiece(lit, 0, sm, lo, ctx);
  const Located &at = piece.editable ? piece.where : piece.expansion;
  if (!at.ok || !ctx.inScope(at.canonical))
    return;
  Finding f = baseFinding(rule);
  f.kind = FindingKind::HardcodedKey;
  f.secret = secret;
  f.range = ByteRange{at.offset, at.length};
  f.before = secret->redacted;
  const std::string &key_env = ctx.proxy().key_env;
  std::string why;
  if (lit->getNumConcatenated() != 1)
    why = "the key is split across literals";
  else if (!piece.editable)
    why = "the key is spelled in a macro outside the project";
  else if (!decaysToPointer(lit, ast))
    why = "the literal is used as an array, not a pointer";
  else if (!stdGetenvDeclared(ast))
    why = "std::getenv is not declared here (include <cstdlib>)";
  else if (key_env.empty())
    why = "no key_env configured";
  if (!why.empty()) {
    f.message = rule.message + " (not rewritten: " + why + ")";
    ctx.emit(at.canonical, std::move(f));
    return;
  }
  setChange(f, piece.where, getenvCall(key_env));
  ctx.emit(at.canonical, std::move(f));
}

/// `name/` in base_url_params: the library appends paths without a slash
/// (openai-cpp's api_base_url), so the URL written ends with one.
std::pair<std::string, bool> paramName(const std::string &entry) {
  if (!entry.empty() && entry.back() == '/')
    return {entry.substr(0, entry.size() - 1), true};
  return {entry, false};
}

int paramIndex(const clang::FunctionDecl *fd, const std::string &name) {
  for (unsigned i = 0; i < fd->getNumParams(); ++i)
    if (fd->getParamDecl(i)->getName() == name)
      return static_cast<int>(i);
  return -1;
}

void setCallArgument(const Rule &rule, const clang::DynTypedNode &node,
                     const clang::SourceManager &sm,
                     const clang::LangOptions &lo, MatchContext &ctx) {
  const auto *call = node.get<clang::CallExpr>();
  if (!call)
    return;
  const clang::FunctionDecl *fd = call->getDirectCallee();
  if (!fd)
    return;
  int key_idx = -1;
  int url_idx = -1;
  bool url_slash = false;
  for (const std::string &entry : rule.action.api_key_params)
    if (key_idx < 0)
      key_idx = paramIndex(fd, paramName(entry).first);
  for (const std::string &entry : rule.action.base_url_params) {
    if (url_idx >= 0)
      break;
    auto [name, slash] = paramName(entry);
    url_idx = paramIndex(fd, name);
    url_slash = slash;
  }
  if (url_idx < 0)
    return;
  unsigned explicit_args = 0;
  for (const clang::Expr *arg : call->arguments())
    if (!llvm::isa<clang::CXXDefaultArgExpr>(arg))
      ++explicit_args;

  Located site = ctx.locateNode(call->getSourceRange(), sm, lo);
  if (!site.ok || !ctx.inScope(site.canonical))
    return;
  Finding f = baseFinding(rule);
  f.range = ByteRange{site.offset, site.length};
  f.before = site.text;
  if (static_cast<unsigned>(url_idx) < explicit_args) {
    const clang::Expr *arg = call->getArg(url_idx)->IgnoreParenImpCasts();
    // An OpenAI URL literal is endpoint-literal's to rewrite.
    std::string text = clang::Lexer::getSourceText(
                           sm.getExpansionRange(arg->getSourceRange()), sm, lo)
                           .str();
    if (text.find(kOpenAiHost) != std::string::npos)
      return;
    // Already given a base URL (keyshift's own output included): nothing
    // to change and, to keep second runs quiet, nothing to report.
    return;
  }
  // The client goes to the proxy only with a key that does too: a read of
  // OPENAI_API_KEY (env-key-ref renames it) or of K, or a literal key
  // (hardcoded-key replaces it). Any other key may be a real OpenAI key.
  if (key_idx >= 0 && static_cast<unsigned>(key_idx) < explicit_args) {
    // The key variable sent; untraced until shown otherwise, it may be a
    // read of any key variable (the plan's flows).
    std::vector<std::string> sends = ctx.keyVarNames();
    // Through std::string's implicit constructor to what was written.
    const clang::Expr *arg =
        call->getArg(key_idx)->IgnoreUnlessSpelledInSource()->IgnoreParens();
    bool ok = false;
    if (const auto *lit = llvm::dyn_cast<clang::StringLiteral>(arg)) {
      std::string value = lit->getBytes().str();
      ok = secretLiteral(value).has_value();
      sends.clear();
    } else if (const auto *env = llvm::dyn_cast<clang::CallExpr>(arg)) {
      const clang::FunctionDecl *callee = env->getDirectCallee();
      std::string name = callee ? callee->getNameAsString() : "";
      if ((name == "getenv" || name == "secure_getenv") &&
          env->getNumArgs() == 1)
        if (const auto *var = llvm::dyn_cast<clang::StringLiteral>(
                env->getArg(0)->IgnoreParenImpCasts())) {
          std::string v = var->getBytes().str();
          ok = v == "OPENAI_API_KEY" || v == ctx.proxy().key_env;
          sends = {v};
        }
    }
    f.flow_envs = sends;
    if (!ok) {
      f.kind = FindingKind::NeedsReview;
      f.message = rule.message +
                  " (the key is not OPENAI_API_KEY, the proxy key or a "
                  "literal key: pointing this client at the proxy could send "
                  "an OpenAI key to it; migrate it by hand)";
      ctx.emit(site.canonical, std::move(f));
      return;
    }
  }
  clang::SourceLocation rparen = call->getRParenLoc();
  if (rparen.isMacroID()) {
    f.kind = FindingKind::NeedsReview;
    f.message = rule.message + " (call spelled in a macro; edit it by hand)";
    ctx.emit(site.canonical, std::move(f));
    return;
  }
  const ProxyTarget &proxy = ctx.proxy();
  std::string base = proxy.base_url;
  while (!base.empty() && base.back() == '/')
    base.pop_back();
  if (url_slash)
    base += '/';
  std::string url_expr = cppStringLiteral(base);
  if (!proxy.base_url_env.empty()) {
    std::string env = getenvCall(proxy.base_url_env);
    url_expr = url_slash
                   ? env + " ? std::string(" + env + ") + \"/\" : " + url_expr
                   : env + " ? " + env + " : " + url_expr;
  }
  std::vector<std::string> args;
  int last = std::max(url_idx, key_idx);
  for (int i = static_cast<int>(explicit_args); i <= last; ++i) {
    if (i == url_idx) {
      args.push_back(url_expr);
    } else if (i == key_idx) {
      args.push_back(getenvCall(proxy.key_env));
    } else {
      const clang::ParmVarDecl *p = fd->getParamDecl(i);
      if (!p->hasDefaultArg() || p->hasUnparsedDefaultArg()) {
        f.kind = FindingKind::NeedsReview;
        ctx.emit(site.canonical, std::move(f));
        return;
      }
      std::string text =
          clang::Lexer::getSourceText(
              sm.getExpansionRange(p->getDefaultArgRange()), sm, lo)
              .str();
      if (text.empty()) {
        f.kind = FindingKind::NeedsReview;
        ctx.emit(site.canonical, std::move(f));
        return;
      }
      args.push_back(text);
    }
  }
  std::string insertion = explicit_args > 0 ? ", " : "";
  for (std::size_t i = 0; i < args.size(); ++i)
    insertion += (i ? ", " : "") + args[i];
  Located at = ctx.locate(rparen, 0, sm);
  if (!at.ok || !ctx.inScope(at.canonical))
    return;
  setChange(f, at, insertion);
  std::size_t rel = at.offset - site.offset;
  f.after = site.text;
  if (rel <= f.after.size())
    f.after.insert(rel, insertion);
  ctx.emit(site.canonical, std::move(f));
}

class RuleCallback : public am::MatchFinder::MatchCallback {
public:
  RuleCallback(const Rule &rule, MatchContext &ctx) : rule_(rule), ctx_(ctx) {}

  void run(const am::MatchFinder::MatchResult &result) override {
    const auto &nodes = result.Nodes.getMap();
    const clang::SourceManager &sm = *result.SourceManager;
    const clang::LangOptions &lo = result.Context->getLangOpts();
    for (const ruleset::Constraint &c : rule_.where) {
      auto it = nodes.find(c.capture);
      if (it == nodes.end())
        return;
      if (!c.symbols.empty()) {
        std::string text = captureText(it->second, sm, lo);
        std::string plain = text.rfind("::", 0) == 0 ? text.substr(2) : text;
        bool found = false;
        for (const std::string &s : c.symbols)
          found = found || s == text || s == plain || s == "::" + plain;
        if (!found)
          return;
      }
      if (!c.holds(captureText(it->second, sm, lo)))
        return;
    }
    for (const auto &[id, bound] : nodes)
      if (const auto *call = bound.get<clang::CallExpr>())
        ctx_.noteRuleCall(call);
    const clang::DynTypedNode *node = nullptr;
    if (!rule_.capture.empty()) {
      auto it = nodes.find(rule_.capture);
      if (it != nodes.end())
        node = &it->second;
    } else if (!nodes.empty()) {
      node = &nodes.begin()->second;
    }
    if (!node)
      return;
    switch (rule_.action.type) {
    case ActionType::RenameEnvVar:
      if (const clang::StringLiteral *lit = literalIn(*node))
        renameEnvVar(rule_, lit, sm, lo, ctx_);
      return;
    case ActionType::ReplaceUrlPrefix:
      if (const clang::StringLiteral *lit = literalIn(*node))
        replaceUrlPrefix(rule_, lit, sm, lo, *result.Context, ctx_);
      return;
    case ActionType::SetBodyModelName:
      if (const clang::StringLiteral *lit = literalIn(*node))
        setBodyModelName(rule_, lit, sm, lo, *result.Context, ctx_);
      return;
    case ActionType::ReplaceSecretWithEnv:
      if (const clang::StringLiteral *lit = literalIn(*node))
        replaceSecret(rule_, lit, sm, lo, *result.Context, ctx_);
      return;
    case ActionType::SetCallArgument:
      setCallArgument(rule_, *node, sm, lo, ctx_);
      return;
    case ActionType::InsertAfterStatement:
    case ActionType::ReportOnly:
    case ActionType::SetModelName:
      break;
    }
    Located at = ctx_.locateNode(node->getSourceRange(), sm, lo);
    if (!at.ok || !ctx_.inScope(at.canonical))
      return;
    Finding f = baseFinding(rule_);
    f.range = ByteRange{at.offset, at.length};
    f.before = at.text;
    // A client reported as staying on OpenAI (liboai's fixed root) sends
    // whatever key the process gives it: every key variable stays too.
    if (f.kind == FindingKind::NeedsReview &&
        rule_.id.find("client") != std::string::npos)
      f.flow_envs = ctx_.keyVarNames();
    ctx_.emit(at.canonical, std::move(f));
  }

private:
  const Rule &rule_;
  MatchContext &ctx_;
};

/// Keeps the first error of a TU as "path:line:col: message".
class FirstError : public clang::DiagnosticConsumer {
public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic &info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error || first_)
      return;
    llvm::SmallString<128> text;
    info.FormatDiagnostic(text);
    std::string where;
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      clang::PresumedLoc p =
          info.getSourceManager().getPresumedLoc(info.getLocation());
      if (p.isValid())
        where = std::string(p.getFilename()) + ":" +
                std::to_string(p.getLine()) + ":" +
                std::to_string(p.getColumn()) + ": ";
    }
    first_ = where + std::string(text.str());
  }
  const std::optional<std::string> &first() const { return first_; }

private:
  std::optional<std::string> first_;
};

// ---------------------------------------------------------------------------
// Inactive preprocessor branches

/// Ranges the preprocessor skipped: `#ifdef _WIN32` bodies on Linux,
/// `#if 0`. Clang never lexes them, so no matcher sees what they hold.
class SkippedRanges : public clang::PPCallbacks {
public:
  explicit SkippedRanges(std::vector<clang::SourceRange> *out) : out_(out) {}
  void SourceRangeSkipped(clang::SourceRange range,
                          clang::SourceLocation) override {
    out_->push_back(range);
  }

private:
  std::vector<clang::SourceRange> *out_;
};

/// Whether a literal with this value is one `rule` acts on, judged from
/// the value alone (the rule's constraints on its own capture).
bool literalRuleApplies(const Rule &rule, const std::string &value) {
  switch (rule.action.type) {
  case ActionType::RenameEnvVar: {
    const auto &from = rule.action.from;
    if (std::find(from.begin(), from.end(), value) == from.end())
      return false;
    break;
  }
  case ActionType::ReplaceUrlPrefix:
    if (value.find(kOpenAiHost) == std::string::npos)
      return false;
    break;
  case ActionType::ReplaceSecretWithEnv:
    if (!secretLiteral(value))
      return false;
    break;
  default:
    return false; // a call, a declaration: not visible in bytes
  }
  for (const ruleset::Constraint &c : rule.where)
    if (c.capture == rule.capture && !c.holds(value))
      return false;
  return true;
}

/// Reports the literals of skipped ranges in scope that a rule of the TU
/// acts on. Reported only: the code was never parsed, so no edit can be
/// checked (and it would be wrong for every configuration that compiles it
/// unless the rest of its branch moved too).
void reportSkipped(const std::vector<clang::SourceRange> &skipped,
                   const std::vector<const Rule *> &rules,
                   const clang::SourceManager &sm, MatchContext &ctx) {
  for (const clang::SourceRange &range : skipped) {
    clang::SourceLocation begin = sm.getFileLoc(range.getBegin());
    clang::SourceLocation end = sm.getFileLoc(range.getEnd());
    clang::FileID fid = sm.getFileID(begin);
    if (fid != sm.getFileID(end) || !ctx.inScope(ctx.fileOf(begin, sm)))
      continue;
    bool invalid = false;
    llvm::StringRef buffer = sm.getBufferData(fid, &invalid);
    unsigned b = sm.getFileOffset(begin);
    unsigned e = std::min<unsigned>(sm.getFileOffset(end), buffer.size());
    if (invalid || e <= b)
      continue;
    llvm::StringRef text = buffer.substr(b, e - b);
    std::string directive = text.substr(0, text.find('\n')).rtrim().str();
    std::string where = "`" + directive + "` at line " +
                        std::to_string(sm.getSpellingLineNumber(begin));
    for (const SkippedLiteral &lit :
         skippedStringLiterals({text.data(), text.size()})) {
      for (const Rule *rule : rules) {
        if (!literalRuleApplies(*rule, lit.value))
          continue;
        Located at = ctx.locate(begin.getLocWithOffset(lit.offset),
                                static_cast<unsigned>(lit.length), sm);
        if (!at.ok)
          continue;
        Finding f = baseFinding(*rule);
        f.range = ByteRange{at.offset, at.length};
        f.before = at.text;
        if (std::optional<SecretInfo> secret = secretLiteral(lit.value)) {
          f.kind = FindingKind::HardcodedKey;
          f.secret = secret;
          f.before = secret->redacted;
        } else {
          f.kind = FindingKind::NeedsReview;
        }
        f.message = rule->message +
                    " (in a preprocessor branch this "
                    "configuration does not compile, " +
                    where +
                    ": not parsed, so not rewritten; migrate it by "
                    "hand)";
        ctx.emit(at.canonical, std::move(f));
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Environment names handed to functions

/// Calls and constructions outside system headers that may hand an
/// environment variable's name on.
class NameHandOffs : public clang::RecursiveASTVisitor<NameHandOffs> {
public:
  explicit NameHandOffs(const clang::SourceManager &sm) : sm_(sm) {}
  bool VisitCallExpr(clang::CallExpr *call) {
    // Operators but a call through an object (`reader(kKeyVar)`).
    const auto *op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call);
    if (call->getNumArgs() > 0 &&
        (!op || op->getOperator() == clang::OO_Call) &&
        !sm_.isInSystemHeader(sm_.getExpansionLoc(call->getBeginLoc())))
      calls.push_back(call);
    return true;
  }
  bool VisitCXXConstructExpr(clang::CXXConstructExpr *construct) {
    if (construct->getNumArgs() > 0 &&
        !sm_.isInSystemHeader(sm_.getExpansionLoc(construct->getBeginLoc())) &&
        !sm_.isInSystemHeader(construct->getConstructor()->getLocation()))
      constructs.push_back(construct);
    return true;
  }
  std::vector<const clang::CallExpr *> calls;
  std::vector<const clang::CXXConstructExpr *> constructs;

private:
  const clang::SourceManager &sm_;
};

/// The rule that renames getenv reads of `value` in this TU, if any.
const Rule *getenvRuleFor(const std::string &value, MatchContext &ctx) {
  for (const Rule *rule : ctx.rules())
    if (rule->action.type == ActionType::RenameEnvVar &&
        rule->query.find("getenv") != std::string::npos &&
        literalRuleApplies(*rule, value))
      return rule;
  return nullptr;
}

/// Issue 9: an environment variable's name handed to the application's
/// own function (`envOr(kKeyVar, "")`, the function in another TU). When
/// that function's summary shows the name reaching getenv, the call reads
/// the variable as `getenv(kKeyVar)` does, and the name is renamed with
/// its flow. Anything else keyshift cannot follow (a function no parsed TU
/// defines, one that keeps the name, a constructor, setenv): the name is
/// reported and holds its variable's flow, since renaming the other reads
/// would leave this one on the old name.
void reportNameHandOffs(clang::ASTContext &ast, MatchContext &ctx) {
  const clang::SourceManager &sm = ast.getSourceManager();
  const clang::LangOptions &lo = ast.getLangOpts();
  NameHandOffs found(sm);
  found.TraverseAST(ast);
  auto each = [&](const clang::Expr *site, const clang::NamedDecl *callee,
                  llvm::ArrayRef<const clang::Expr *> args, auto decide) {
    for (unsigned i = 0; i < args.size(); ++i) {
      const clang::StringLiteral *lit = nameLiteral(args[i]);
      if (!lit)
        continue;
      std::string value = lit->getString().str();
      const Rule *rule = getenvRuleFor(value, ctx);
      if (!rule)
        continue;
      std::string held = decide(i);
      if (held.empty())
        continue;
      emitNeedsReview(*rule, locatePiece(lit, 0, sm, lo, ctx),
                      value + " is handed to " + callee->getNameAsString() +
                          "() (" + where(ast, site->getBeginLoc()) + "), " +
                          held +
                          ": rename it by hand together with every read of "
                          "the variable",
                      ctx, {value});
    }
  };
  for (const clang::CallExpr *call : found.calls) {
    const clang::FunctionDecl *fd = call->getDirectCallee();
    if (!fd || ctx.ruleCall(call) || isGetenv(fd))
      continue;
    bool through_object = llvm::isa<clang::CXXOperatorCallExpr>(call);
    bool system = passesValuesThrough(ast, fd) && !through_object;
    if (system && !setsEnvironment(fd))
      continue; // printing it, building a message: not a read
    llvm::ArrayRef<const clang::Expr *> args(call->getArgs(),
                                             call->getNumArgs());
    each(call, fd, args, [&](unsigned i) -> std::string {
      if (system)
        return "which sets the variable";
      if (through_object)
        return "a call through an object, which keyshift does not follow";
      const FunctionSummary *g = ctx.book(ast).summaryOf(fd);
      if (!g)
        return "whose definition keyshift did not find in the files it "
               "parsed";
      if (!g->readsNameAt(static_cast<int>(i)))
        return "which does not only read it with getenv (it also sets the "
               "variable, or hands the name to code keyshift cannot see "
               "into)";
      const clang::StringLiteral *lit = nameLiteral(args[i]);
      renameEnvVar(*getenvRuleFor(lit->getString().str(), ctx), lit, sm, lo,
                   ctx, " (read through " + g->name + "(), " + g->where + ")");
      return "";
    });
  }
  for (const clang::CXXConstructExpr *construct : found.constructs) {
    llvm::ArrayRef<const clang::Expr *> args(construct->getArgs(),
                                             construct->getNumArgs());
    each(construct, construct->getConstructor()->getParent(), args,
         [](unsigned) -> std::string {
           return "a constructor: keyshift cannot follow where the name goes";
         });
  }
}

/// Calls of library classes (not the standard one, not the application's)
/// that take a credential: `client.set_api_key(k)`, `oai::Client(k)`.
class LibraryCredentials : public InFunctionVisitor<LibraryCredentials> {
public:
  explicit LibraryCredentials(const clang::ASTContext &ast) : ast_(ast) {}
  bool VisitCXXMemberCallExpr(clang::CXXMemberCallExpr *call) {
    const clang::CXXMethodDecl *method = call->getMethodDecl();
    if (current() && method && library(method))
      for (unsigned i = 0; i < call->getNumArgs(); ++i)
        if (namesCredential(method->getName()) ||
            (i < method->getNumParams() &&
             namesCredential(method->getParamDecl(i)->getName())))
          found.push_back({call, call->getArg(i), current()});
    return true;
  }
  bool VisitCXXConstructExpr(clang::CXXConstructExpr *construct) {
    const clang::CXXConstructorDecl *ctor = construct->getConstructor();
    if (current() && library(ctor))
      for (unsigned i = 0; i < construct->getNumArgs(); ++i)
        if (namesCredential(ctor->getParent()->getName()) ||
            (i < ctor->getNumParams() &&
             namesCredential(ctor->getParamDecl(i)->getName())))
          found.push_back({construct, construct->getArg(i), current()});
    return true;
  }
  struct Hit {
    const clang::Expr *site;
    const clang::Expr *value;
    const clang::FunctionDecl *in;
  };
  std::vector<Hit> found;

private:
  bool library(const clang::CXXMethodDecl *method) const {
    return ast_.getSourceManager().isInSystemHeader(method->getLocation()) &&
           !method->getParent()->isInStdNamespace() &&
           !ast_.getSourceManager().isInSystemHeader(
               ast_.getSourceManager().getExpansionLoc(
                   current()->getLocation()));
  }
  const clang::ASTContext &ast_;
};

/// Issue 9, the key's side of a library client: a key read renamed to K
/// and handed to a library's client (`client.set_api_key(getenv(...))`)
/// goes wherever that library sends it, its default OpenAI URL included.
/// keyshift cannot move the library, so the read's variable stays.
void reportKeysToLibraries(clang::ASTContext &ast, MatchContext &ctx) {
  LibraryCredentials calls(ast);
  calls.TraverseAST(ast);
  for (const LibraryCredentials::Hit &hit : calls.found) {
    Tracer tracer(ctx.book(ast), hit.in);
    tracer.trace(hit.value);
    for (const ValueSource &v : tracer.sources) {
      if (v.kind != ValueSource::Kind::Env || !ctx.keyVarMoves(v.env))
        continue;
      const Rule *rule = getenvRuleFor(v.env, ctx);
      if (!rule)
        continue;
      Located at = ctx.locateNode(hit.site->getSourceRange(),
                                  ast.getSourceManager(), ast.getLangOpts());
      if (!at.ok || !ctx.inScope(at.canonical))
        continue;
      Finding f = baseFinding(*rule);
      f.kind = FindingKind::NeedsReview;
      f.message = "the key read " + v.what +
                  " is handed to a library's client here, which sends it "
                  "where the library does (its default may be OpenAI): the "
                  "variable stays; point the library at the proxy and "
                  "rename it by hand";
      f.range = ByteRange{at.offset, at.length};
      f.before = at.text;
      f.flow_envs = {v.env};
      ctx.emit(at.canonical, std::move(f));
    }
  }
}

/// Whether a rule of the TU renames getenv reads (what hand-offs of names
/// are checked for).
bool renamesGetenvReads(const std::vector<const Rule *> &rules) {
  return std::any_of(rules.begin(), rules.end(), [](const Rule *r) {
    return r->action.type == ActionType::RenameEnvVar &&
           r->query.find("getenv") != std::string::npos;
  });
}

/// The definitions outside system headers of functions named in `names`.
class Definitions : public clang::RecursiveASTVisitor<Definitions> {
public:
  Definitions(const clang::SourceManager &sm,
              const std::set<std::string> &names)
      : sm_(sm), names_(names) {}
  bool VisitFunctionDecl(clang::FunctionDecl *fd) {
    if (fd->doesThisDeclarationHaveABody() &&
        names_.count(fd->getNameAsString()) &&
        !sm_.isInSystemHeader(fd->getLocation()))
      found.push_back(fd);
    return true;
  }
  std::vector<const clang::FunctionDecl *> found;

private:
  const clang::SourceManager &sm_;
  const std::set<std::string> &names_;
};

/// The declarations outside system headers whose USR `wanted` holds.
class DeclsByUsr : public clang::RecursiveASTVisitor<DeclsByUsr> {
public:
  DeclsByUsr(const clang::SourceManager &sm,
             const std::map<std::string, std::string> &wanted)
      : sm_(sm), wanted_(wanted) {
    for (const auto &[usr, name] : wanted)
      names_.insert(name);
  }
  bool VisitNamedDecl(clang::NamedDecl *d) {
    if ((llvm::isa<clang::FunctionDecl>(d) || llvm::isa<clang::VarDecl>(d)) &&
        names_.count(d->getNameAsString()) &&
        !sm_.isInSystemHeader(d->getLocation()))
      if (std::string usr = SummaryBook::usrOf(d); wanted_.count(usr))
        found.emplace(usr, d);
    return true;
  }
  std::map<std::string, const clang::Decl *> found;

private:
  const clang::SourceManager &sm_;
  const std::map<std::string, std::string> &wanted_;
  std::set<std::string> names_;
};

/// What this TU's requests using each of `wanted` (another TU's function
/// or variable holding an OpenAI URL) send.
CallerChecks checkCallers(clang::ASTContext &ast,
                          const std::map<std::string, std::string> &wanted,
                          const std::vector<clang::SourceRange> &skipped,
                          MatchContext &ctx) {
  const clang::SourceManager &sm = ast.getSourceManager();
  DeclsByUsr decls(sm, wanted);
  decls.TraverseAST(ast);
  CallerChecks out;
  for (const auto &[usr, decl] : decls.found)
    out.emplace(usr, ctx.requestKeys(ast).checkUsersOf(decl));
  // A branch this configuration does not compile may use it too (with
  // another key): what it sends is not known.
  for (const clang::SourceRange &range : skipped) {
    clang::SourceLocation begin = sm.getFileLoc(range.getBegin());
    clang::SourceLocation end = sm.getFileLoc(range.getEnd());
    if (sm.getFileID(begin) != sm.getFileID(end))
      continue;
    bool invalid = false;
    llvm::StringRef buffer = sm.getBufferData(sm.getFileID(begin), &invalid);
    unsigned b = sm.getFileOffset(begin);
    unsigned e = std::min<unsigned>(sm.getFileOffset(end), buffer.size());
    if (invalid || e <= b)
      continue;
    std::string_view text(buffer.data() + b, e - b);
    for (const auto &[usr, name] : wanted)
      if (spellsIdentifier(text, name)) {
        RequestCheck held;
        held.untraced = true;
        held.blocked = name +
                       " is used in a preprocessor branch this "
                       "configuration does not compile (" +
                       where(ast, begin) +
                       "): what its requests send is not known; move the "
                       "URL by hand";
        mergeCheck(out[usr], held);
      }
  }
  return out;
}

/// The summaries of the functions named in `names` this TU defines, for
/// other TUs (calls to functions defined elsewhere stay unresolved).
SummaryTable exportSummaries(clang::ASTContext &ast,
                             const std::set<std::string> &names,
                             MatchContext &ctx) {
  Definitions defs(ast.getSourceManager(), names);
  defs.TraverseAST(ast);
  SummaryTable out;
  for (const clang::FunctionDecl *fd : defs.found)
    if (const FunctionSummary *s = ctx.book(ast).summaryOf(fd))
      if (std::string usr = SummaryBook::usrOf(fd); !usr.empty())
        out.emplace(usr, *s);
  return out;
}

// ---------------------------------------------------------------------------
// One TU

/// Whether `rule` can only fire outside system headers: its top matcher
/// starts with `unless(isExpansionInSystemHeader())`. Only then may the
/// bodies and declarations of system headers go unparsed and unvisited.
bool ignoresSystemHeaders(const Rule &rule) {
  std::string q;
  for (char c : rule.query)
    if (!std::isspace(static_cast<unsigned char>(c)))
      q += c;
  std::size_t open = q.find('(');
  return open != std::string::npos &&
         q.compare(open + 1, 35, "unless(isExpansionInSystemHeader())") == 0;
}

/// Runs the matchers over the parsed TU, then reports skipped ranges.
/// With `lean`, function bodies in system headers are not parsed and only
/// declarations outside system headers are visited: every rule of the TU
/// ignores system headers, so neither can hold a match, and findings are
/// the same as with a full parse (tests/match/cpp/lean_parse_test.cc).
class MatchConsumer : public clang::ASTConsumer {
public:
  MatchConsumer(am::MatchFinder &finder, const TuJob &job, MatchContext &ctx,
                const std::vector<clang::SourceRange> &skipped, bool lean)
      : finder_(finder), job_(job), ctx_(ctx), skipped_(skipped), lean_(lean) {}

  void Initialize(clang::ASTContext &ast) override {
    sm_ = &ast.getSourceManager();
  }

  bool shouldSkipFunctionBody(clang::Decl *d) override {
    return lean_ && sm_->isInSystemHeader(d->getLocation());
  }

  void HandleTranslationUnit(clang::ASTContext &ast) override {
    if (lean_) {
      std::vector<clang::Decl *> scope;
      for (clang::Decl *d : ast.getTranslationUnitDecl()->decls())
        if (!sm_->isInSystemHeader(d->getLocation()))
          scope.push_back(d);
      ast.setTraversalScope(scope);
    }
    finder_.matchAST(ast);
    if (renamesGetenvReads(job_.rules)) {
      reportNameHandOffs(ast, ctx_);
      reportKeysToLibraries(ast, ctx_);
    }
    reportSkipped(skipped_, job_.rules, *sm_, ctx_);
    if (!job_.summarize.empty())
      ctx_.exportSummaries(exportSummaries(ast, job_.summarize, ctx_));
    if (!job_.callers_of.empty())
      ctx_.answerCallers(checkCallers(ast, job_.callers_of, skipped_, ctx_));
  }

private:
  am::MatchFinder &finder_;
  const TuJob &job_;
  MatchContext &ctx_;
  const std::vector<clang::SourceRange> &skipped_;
  bool lean_;
  clang::SourceManager *sm_ = nullptr;
};

class MatchAction : public clang::ASTFrontendAction {
public:
  MatchAction(am::MatchFinder &finder, const TuJob &job, MatchContext &ctx,
              bool lean)
      : finder_(finder), job_(job), ctx_(ctx), lean_(lean) {}

protected:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &ci, llvm::StringRef) override {
    ci.getPreprocessor().addPPCallbacks(
        std::make_unique<SkippedRanges>(&skipped_));
    // Read by ASTFrontendAction::ExecuteAction when it starts the parser;
    // the consumer decides which bodies go.
    ci.getFrontendOpts().SkipFunctionBodies = lean_;
    return std::make_unique<MatchConsumer>(finder_, job_, ctx_, skipped_,
                                           lean_);
  }

private:
  am::MatchFinder &finder_;
  const TuJob &job_;
  MatchContext &ctx_;
  bool lean_;
  std::vector<clang::SourceRange> skipped_;
};

TuOutput runOne(const TuJob &job,
                const std::map<const Rule *, dyn::DynTypedMatcher> &matchers,
                const ProxyTarget &proxy, const Scope &scope, bool full_parse) {
  TuOutput out;
  MatchContext ctx(proxy, scope, &out.findings, &out.parsed_hashes);
  ctx.setRules(&job.rules, job.run_rules);
  ctx.setSummaries(job.summaries, &out.summaries, !job.summarize.empty());
  ctx.setCallers(job.callers);
  ctx.setAnswers(&out.caller_checks);
  am::MatchFinder finder;
  std::vector<std::unique_ptr<RuleCallback>> callbacks;
  bool lean = !full_parse;
  for (const Rule *rule : job.rules) {
    lean = lean && ignoresSystemHeaders(*rule);
    auto it = matchers.find(rule);
    if (it == matchers.end())
      continue;
    callbacks.push_back(std::make_unique<RuleCallback>(*rule, ctx));
    finder.addDynamicMatcher(it->second, callbacks.back().get());
  }
  // ToolInvocation rather than ClangTool: ClangTool prints "Error while
  // processing" itself and moves the process-wide working directory, which
  // parallel workers cannot share.
  namespace tooling = clang::tooling;
  tooling::ArgumentsAdjuster adjust = tooling::combineAdjusters(
      tooling::getClangStripOutputAdjuster(),
      tooling::combineAdjusters(
          tooling::getClangSyntaxOnlyAdjuster(),
          tooling::combineAdjusters(
              tooling::getClangStripDependencyFileAdjuster(),
              tooling::getInsertArgumentAdjuster(
                  {"-resource-dir=" KEYSHIFT_CLANG_RESOURCE_DIR,
                   "-fno-color-diagnostics", "-fno-caret-diagnostics", "-w"},
                  tooling::ArgumentInsertPosition::BEGIN))));
  std::vector<std::string> args = adjust(job.command.args, job.command.file);
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> vfs =
      llvm::vfs::createPhysicalFileSystem();
  vfs->setCurrentWorkingDirectory(job.command.directory);
  llvm::IntrusiveRefCntPtr<clang::FileManager> files(
      new clang::FileManager(clang::FileSystemOptions(), vfs));
  tooling::ToolInvocation invocation(
      std::move(args), std::make_unique<MatchAction>(finder, job, ctx, lean),
      files.get());
  FirstError errors;
  invocation.setDiagnosticConsumer(&errors);
  bool ok = invocation.run();
  // A request left on OpenAI sends a key keyshift cannot name: a renamed
  // OPENAI_API_KEY read in this TU might be that key (main() passes
  // getenv("OPENAI_API_KEY") to post(key)) and would send K to OpenAI; and
  // a URL or client moved with such a read would then send the OpenAI key
  // to the proxy. Nothing this TU proposes moves.
  if (ctx.sendsUntracedKey())
    for (LocatedFinding &lf : out.findings)
      holdChange(lf.finding,
                 "a request in this file stays on OpenAI and sends a key "
                 "keyshift cannot trace, which may come from a read renamed "
                 "here; move the file's requests and keys together by hand");
  out.wanted = ctx.wanted();
  out.escapes = ctx.escapes();
  if (errors.first())
    out.error = *errors.first();
  else if (!ok)
    out.error = job.command.file + ": clang could not parse this file";
  return out;
}

} // namespace

Result<void>
parseRuleMatchers(const std::vector<const ruleset::Rule *> &rules) {
  for (const Rule *rule : rules) {
    Result<dyn::DynTypedMatcher> m = parseMatcher(*rule);
    if (!m)
      return m.error();
  }
  return {};
}

std::vector<TuOutput> runJobs(const std::vector<TuJob> &jobs,
                              const ProxyTarget &proxy, const Scope &scope,
                              unsigned threads, bool full_parse) {
  std::vector<TuOutput> outputs(jobs.size());
  if (jobs.empty())
    return outputs;
  std::set<const Rule *> all_rules;
  for (const TuJob &job : jobs)
    all_rules.insert(job.rules.begin(), job.rules.end());
  parallelForEachWorker(jobs.size(), threads, [&] {
    // Each worker parses its own matchers: nothing Clang-side is shared.
    std::map<const Rule *, dyn::DynTypedMatcher> matchers;
    for (const Rule *rule : all_rules) {
      Result<dyn::DynTypedMatcher> m = parseMatcher(*rule);
      if (m)
        matchers.emplace(rule, *m);
    }
    return [&, matchers = std::move(matchers)](std::size_t i) {
      outputs[i] = runOne(jobs[i], matchers, proxy, scope, full_parse);
    };
  });
  return outputs;
}

} // namespace keyshift::cpp::detail
