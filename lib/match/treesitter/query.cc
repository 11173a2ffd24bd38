#include "match/treesitter/query.h"

#include "match/treesitter/budget.h"
#include "match/treesitter/tree.h"

#include <re2/re2.h>

namespace keyshift::ts {
namespace {

struct QueryDeleter {
  void operator()(TSQuery *q) const { ts_query_delete(q); }
};
struct CursorDeleter {
  void operator()(TSQueryCursor *c) const { ts_query_cursor_delete(c); }
};

/// One predicate argument: a capture id or a string literal.
struct Arg {
  bool is_capture = false;
  uint32_t capture = 0;
  std::string literal;
};

struct Predicate {
  enum class Op { Eq, NotEq, Match, NotMatch, AnyOf } op;
  std::vector<Arg> args;
  std::shared_ptr<RE2> regex;
};

std::string_view errorName(TSQueryError e) {
  switch (e) {
  case TSQueryErrorSyntax:
    return "syntax error";
  case TSQueryErrorNodeType:
    return "unknown node type";
  case TSQueryErrorField:
    return "unknown field";
  case TSQueryErrorCapture:
    return "unknown capture";
  case TSQueryErrorStructure:
    return "impossible pattern structure";
  case TSQueryErrorLanguage:
    return "language mismatch";
  default:
    return "error";
  }
}

std::string positionOf(std::string_view source, uint32_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < source.size(); ++i) {
    if (source[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

} // namespace

struct Query::Impl {
  std::unique_ptr<TSQuery, QueryDeleter> query;
  std::vector<std::string> capture_names;
  std::vector<std::vector<Predicate>> predicates; // per pattern

  bool holds(const Predicate &p, const std::vector<Capture> &caps,
             std::string_view text) const {
    auto textOf = [&](const Arg &a, std::string_view *out) {
      if (!a.is_capture) {
        *out = a.literal;
        return true;
      }
      for (const Capture &c : caps)
        if (c.name == capture_names[a.capture]) {
          *out = nodeText(c.node, text);
          return true;
        }
      return false; // capture absent (optional): predicate passes
    };
    std::string_view first;
    if (p.args.empty() || !textOf(p.args[0], &first))
      return true;
    switch (p.op) {
    case Predicate::Op::Eq:
    case Predicate::Op::NotEq: {
      std::string_view second;
      if (!textOf(p.args[1], &second))
        return true;
      return (first == second) == (p.op == Predicate::Op::Eq);
    }
    case Predicate::Op::Match:
    case Predicate::Op::NotMatch:
      return RE2::PartialMatch(re2::StringPiece(first.data(), first.size()),
                               *p.regex) == (p.op == Predicate::Op::Match);
    case Predicate::Op::AnyOf:
      for (std::size_t i = 1; i < p.args.size(); ++i)
        if (p.args[i].literal == first)
          return true;
      return false;
    }
    return true;
  }
};

const TSNode *QueryMatch::find(std::string_view name) const {
  for (const Capture &c : captures)
    if (c.name == name)
      return &c.node;
  return nullptr;
}

Query::Query() : impl_(std::make_unique<Impl>()) {}
Query::~Query() = default;
Query::Query(Query &&) noexcept = default;
Query &Query::operator=(Query &&) noexcept = default;

const std::vector<std::string> &Query::captureNames() const {
  return impl_->capture_names;
}

Result<Query> Query::compile(const TSLanguage *language,
                             std::string_view source) {
  uint32_t error_offset = 0;
  TSQueryError error_type = TSQueryErrorNone;
  TSQuery *raw = ts_query_new(language, source.data(),
                              static_cast<uint32_t>(source.size()),
                              &error_offset, &error_type);
  if (raw == nullptr)
    return makeError(ErrorCode::Config,
                     "query:" + positionOf(source, error_offset) + ": " +
                         std::string(errorName(error_type)));
  Query q;
  q.impl_->query.reset(raw);
  uint32_t captures = ts_query_capture_count(raw);
  for (uint32_t i = 0; i < captures; ++i) {
    uint32_t len = 0;
    const char *name = ts_query_capture_name_for_id(raw, i, &len);
    q.impl_->capture_names.emplace_back(name, len);
  }
  uint32_t patterns = ts_query_pattern_count(raw);
  q.impl_->predicates.resize(patterns);
  for (uint32_t pattern = 0; pattern < patterns; ++pattern) {
    uint32_t steps = 0;
    const TSQueryPredicateStep *step =
        ts_query_predicates_for_pattern(raw, pattern, &steps);
    std::vector<std::vector<Arg>> groups(1);
    for (uint32_t i = 0; i < steps; ++i) {
      if (step[i].type == TSQueryPredicateStepTypeDone) {
        groups.emplace_back();
        continue;
      }
      Arg a;
      uint32_t len = 0;
      if (step[i].type == TSQueryPredicateStepTypeCapture) {
        a.is_capture = true;
        a.capture = step[i].value_id;
      } else {
        const char *s =
            ts_query_string_value_for_id(raw, step[i].value_id, &len);
        a.literal.assign(s, len);
      }
      groups.back().push_back(std::move(a));
    }
    for (auto &g : groups) {
      if (g.empty())
        continue;
      const std::string op = g[0].literal;
      Predicate p;
      if (op == "eq?")
        p.op = Predicate::Op::Eq;
      else if (op == "not-eq?")
        p.op = Predicate::Op::NotEq;
      else if (op == "match?")
        p.op = Predicate::Op::Match;
      else if (op == "not-match?")
        p.op = Predicate::Op::NotMatch;
      else if (op == "any-of?")
        p.op = Predicate::Op::AnyOf;
      else
        return makeError(ErrorCode::Config,
                         "query: unsupported predicate '#" + op +
                             "' (supported: #eq?, #not-eq?, #match?, "
                             "#not-match?, #any-of?)");
      p.args.assign(g.begin() + 1, g.end());
      bool two_args = p.op != Predicate::Op::AnyOf;
      if ((two_args && p.args.size() != 2) || p.args.empty() ||
          !p.args[0].is_capture)
        return makeError(ErrorCode::Config,
                         "query: '#" + op + "' takes a capture and " +
                             (two_args ? "one argument" : "strings"));
      if (p.op == Predicate::Op::Match || p.op == Predicate::Op::NotMatch) {
        p.regex = std::make_shared<RE2>(p.args[1].literal, RE2::Quiet);
        if (!p.regex->ok())
          return makeError(ErrorCode::Config, "query: bad regex in '#" + op +
                                                  "': " + p.regex->error());
      }
      q.impl_->predicates[pattern].push_back(std::move(p));
    }
  }
  return q;
}

std::vector<QueryMatch> Query::run(TSNode root, std::string_view text,
                                   bool *cut_short) const {
  std::unique_ptr<TSQueryCursor, CursorDeleter> cursor(ts_query_cursor_new());
  ts_query_cursor_set_match_limit(cursor.get(), kMaxMatchesInProgress);
  ts_query_cursor_exec(cursor.get(), impl_->query.get(), root);
  std::vector<QueryMatch> out;
  TSQueryMatch m;
  while (ts_query_cursor_next_match(cursor.get(), &m)) {
    QueryMatch qm;
    qm.pattern = m.pattern_index;
    for (uint16_t i = 0; i < m.capture_count; ++i)
      qm.captures.push_back(Capture{impl_->capture_names[m.captures[i].index],
                                    m.captures[i].node});
    bool ok = true;
    for (const Predicate &p : impl_->predicates[m.pattern_index])
      if (!impl_->holds(p, qm.captures, text)) {
        ok = false;
        break;
      }
    if (ok)
      out.push_back(std::move(qm));
  }
  if (cut_short && ts_query_cursor_did_exceed_match_limit(cursor.get()))
    *cut_short = true;
  return out;
}

} // namespace keyshift::ts
