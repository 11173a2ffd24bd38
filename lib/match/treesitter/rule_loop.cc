#include "match/treesitter/rule_loop.h"

#include "match/finding_text.h"
#include "match/rule_finding.h"
#include "match/treesitter/scopes.h"
#include "match/treesitter/tree.h"
#include "ruleset/rule.h"

#include <algorithm>

namespace keyshift::ts {

namespace {

bool isRelative(std::string_view symbol) {
  return symbol.starts_with("./") || symbol.starts_with("../");
}

/// Whether `symbol`, imported from a module of the repository, is one of
/// `wanted` through that module's re-exports (see ThroughModule).
bool throughModule(const std::string &symbol,
                   const std::vector<std::string> &wanted,
                   const FlowQuery &flows, ThroughModule &through) {
  through.symbol = symbol;
  if (flows.indexing()) {
    through.pending = wanted;
    return true;
  }
  switch (reExportedClass(flows.reExported(symbol), wanted)) {
  case ReExportedClass::Yes:
    return true;
  case ReExportedClass::Maybe:
    through.unproven = true;
    return true;
  case ReExportedClass::No:
    break;
  }
  return false;
}

} // namespace

bool constraintsHold(const ruleset::Rule &rule, const QueryMatch &match,
                     std::string_view text, const Scopes &scopes,
                     const FlowQuery *flows, ThroughModule *through) {
  for (const auto &c : rule.where) {
    const TSNode *node = match.find(c.capture);
    if (!node)
      return false;
    if (!c.symbols.empty()) {
      auto symbol = scopes.resolve(*node);
      if (!symbol)
        return false;
      if (std::find(c.symbols.begin(), c.symbols.end(), *symbol) ==
          c.symbols.end()) {
        // Only a client's class is followed through re-exports: that is
        // what decides where its key goes.
        bool client = rule.kind == FindingKind::ClientConstruction;
        if (!client || !flows || !through || !isRelative(*symbol) ||
            !throughModule(*symbol, c.symbols, *flows, *through))
          return false;
      }
    }
    if (!c.holds(nodeText(*node, text)))
      return false;
  }
  return true;
}

namespace {

/// The innermost call (or `new`) around `range`, or a null node: the
/// construct an argument edit changes.
TSNode enclosingCall(TSNode root, ByteRange range, const Parents &parents) {
  TSNode n = ts_node_descendant_for_byte_range(
      root, static_cast<uint32_t>(range.offset),
      static_cast<uint32_t>(range.end()));
  for (; !ts_node_is_null(n); n = parents.of(n)) {
    std::string_view t = nodeType(n);
    if (t == "call" || t == "call_expression" || t == "new_expression")
      return n;
  }
  return TSNode{};
}

/// Whether an edit would land in a construct that is already broken:
/// its call holds an ERROR or MISSING node, or an object literal with an
/// empty element (`{ a: 1, , }`), which tree-sitter-javascript accepts
/// but JavaScript does not.
bool editsBrokenCode(TSNode root, const Finding &finding,
                     const Parents &parents) {
  for (const Edit &e : finding.change->edits) {
    TSNode call = enclosingCall(root, e.range, parents);
    if (ts_node_is_null(call))
      continue;
    if (ts_node_has_error(call) || hasObjectHole(call))
      return true;
  }
  return false;
}

} // namespace

void holdChanges(std::vector<Finding> &findings, std::string_view note) {
  for (Finding &f : findings)
    if (f.change) {
      f.change.reset();
      f.after.clear();
      f.action = FindingAction::Skipped;
      if (!f.secret)
        f.kind = FindingKind::NeedsReview;
      f.message += note;
    }
}

std::vector<Finding>
clientsInBrokenCode(const std::vector<const ruleset::Rule *> &rules,
                    TSNode root, std::string_view text, const Scopes &scopes,
                    std::string_view language) {
  std::vector<Finding> out;
  if (!ts_node_has_error(root))
    return out;
  std::vector<std::string_view> symbols;
  for (const ruleset::Rule *rule : rules)
    if (rule->kind == FindingKind::ClientConstruction)
      for (const auto &c : rule->where)
        symbols.insert(symbols.end(), c.symbols.begin(), c.symbols.end());
  if (symbols.empty())
    return out;
  auto isClient = [&](TSNode n) {
    std::string_view t = nodeType(n);
    if (t != "identifier" && t != "attribute" && t != "member_expression")
      return false;
    auto symbol = scopes.resolve(n);
    return symbol &&
           std::find(symbols.begin(), symbols.end(), *symbol) != symbols.end();
  };
  walk(root, [&](WalkStep s) {
    if (!isErrorNode(s.node))
      return static_cast<bool>(ts_node_has_error(s.node));
    // The names directly in the ERROR node: what tree-sitter could not
    // fit into a call.
    for (TSNode c : children(s.node)) {
      if (!isClient(c))
        continue;
      Finding f;
      f.rule_id = std::string(language) + ".syntax-error";
      f.kind = FindingKind::NeedsReview;
      f.severity = Severity::Warning;
      f.action = FindingAction::Skipped;
      f.message = "an OpenAI client is constructed in code that does not "
                  "parse: keyshift cannot rewrite it and rewrites nothing "
                  "else in this file; fix the syntax error and run again";
      f.range = nodeRange(s.node);
      f.before = snippet(nodeText(s.node, text));
      out.push_back(std::move(f));
      break;
    }
    return true;
  });
  return out;
}

bool runRules(const std::vector<const ruleset::Rule *> &rules,
              const QueryOf &query, TSNode root, std::string_view text,
              const Scopes &scopes, const Parents &parents,
              const MatchAction &act, std::vector<Finding> &out,
              const FlowQuery *flows) {
  constexpr std::string_view kUnparsed =
      " (not rewritten: the code around it does not parse)";
  using ruleset::ActionType;
  for (const ruleset::Rule *rule : rules) {
    const Query *q = query(*rule);
    if (!q)
      continue;
    bool cut_short = false;
    std::vector<QueryMatch> matches = q->run(root, text, &cut_short);
    // The file is over budget: its findings become reports, so the other
    // queries need not pay for it too.
    if (cut_short)
      return false;
    for (const QueryMatch &m : matches) {
      ThroughModule through;
      if (!constraintsHold(*rule, m, text, scopes, flows, &through))
        continue;
      const TSNode *located =
          rule->capture.empty() ? nullptr : m.find(rule->capture);
      if (!located && !m.captures.empty())
        located = &m.captures.front().node;
      if (!located)
        continue;
      // Code tree-sitter could not parse is no base for a rewrite: report
      // the match, change nothing (the rest of the file is still migrated).
      if (ts_node_has_error(*located) &&
          rule->action.type != ActionType::ReportOnly) {
        Finding f = ruleFinding(
            *rule, rule->kind, rule->message + std::string(kUnparsed),
            nodeRange(*located), snippet(nodeText(*located, text)));
        f.action = FindingAction::Skipped;
        out.push_back(std::move(f));
        continue;
      }
      auto finding = act(*rule, m, *located);
      if (!finding)
        continue;
      if (!through.pending.empty()) {
        finding->client_symbol = through.symbol;
        finding->client_symbols = std::move(through.pending);
      } else if (through.unproven) {
        finding->change.reset();
        finding->after.clear();
        finding->action = FindingAction::Reported;
        finding->kind = FindingKind::NeedsReview;
        finding->message =
            "client class comes from " +
            through.symbol.substr(0, through.symbol.rfind('.')) +
            ", whose re-exports lead to a module keyshift cannot read: it "
            "may be the OpenAI SDK's; migrate it by hand";
        if (finding->flow_envs.empty() && finding->key_symbol.empty())
          finding->flow_envs.emplace_back("OPENAI_API_KEY");
      }
      if (finding->kind == FindingKind::NeedsReview &&
          (rule->action.type == ActionType::SetCallArgument ||
           rule->action.type == ActionType::InsertAfterStatement))
        finding->blocks_base_url = true;
      // Edits next to code tree-sitter could not parse may land anywhere,
      // and so may edits in a call that is broken elsewhere.
      if (finding->change) {
        bool broken = editsBrokenCode(root, *finding, parents);
        for (const Edit &e : finding->change->edits)
          broken = broken || touchesError(root, e.range);
        if (broken) {
          finding->change.reset();
          finding->action = FindingAction::Skipped;
          finding->message += kUnparsed;
        }
      }
      out.push_back(std::move(*finding));
    }
  }
  return true;
}

} // namespace keyshift::ts
