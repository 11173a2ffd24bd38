#include "driver/process_file.h"

#include "base/terminal_text.h"
#include "driver/repo_plan.h"
#include "finding/base_url_hold.h"
#include "rewrite/apply.h"
#include "rewrite/edit_set.h"
#include "rewrite/verify.h"
#include "secrets/baseline.h"
#include "secrets/inline_ignore.h"
#include "secrets/key_findings.h"
#include "secrets/mask.h"

#include <algorithm>

namespace keyshift::driver {
namespace {

/// A key is one secret whichever rule saw it: an ignore naming any key rule
/// (the scanner's, or the file language's hardcoded-key rule) silences it.
bool keyIgnoredInline(const SourceFile &file, const Finding &f) {
  const std::string own_language =
      std::string(languageName(file.language())) + ".hardcoded-key";
  for (std::string_view id : {std::string_view(secrets::kKeyRuleId),
                              std::string_view(secrets::kPossibleKeyRuleId),
                              std::string_view(own_language)})
    if (id != f.rule_id &&
        secrets::isIgnoredInline(file.content(), f.range.offset, id,
                                 file.language()))
      return true;
  return false;
}

bool silenced(const SourceFile &file, const Finding &f,
              const ProcessOptions &options) {
  if (secrets::isIgnoredInline(file.content(), f.range.offset, f.rule_id,
                               file.language()))
    return true;
  if (!f.secret)
    return false;
  if (keyIgnoredInline(file, f))
    return true;
  if (options.keys.foreign_ignores &&
      secrets::hasForeignIgnore(file.content(), f.range.offset))
    return true;
  if (!options.baseline)
    return false;
  return options.baseline_any_file
             ? options.baseline->containsFingerprint(f.secret->fingerprint)
             : options.baseline->contains(f.secret->fingerprint, file.path());
}

secrets::ScanOptions scanOptions(const KeyScanOptions &keys) {
  secrets::ScanOptions so;
  so.possible = keys.possible;
  so.deep = keys.deep;
  return so;
}

/// The scanner's findings for keys no engine reported: an engine's finding
/// of the same key (same fingerprint, overlapping range) is the one kept,
/// since it carries the rewrite.
void addScannedKeys(const SourceFile &file, const KeyScanOptions &keys,
                    std::vector<Finding> &findings) {
  const std::size_t engine_count = findings.size();
  for (Finding &s : secrets::scanKeys(file.content(), scanOptions(keys))) {
    bool seen = false;
    for (std::size_t i = 0; i < engine_count && !seen; ++i) {
      const Finding &e = findings[i];
      seen = e.secret && e.secret->fingerprint == s.secret->fingerprint &&
             e.range.overlaps(s.range);
    }
    if (!seen)
      findings.push_back(std::move(s));
  }
}

Finding derived(const Finding &from, FindingKind kind, std::string message) {
  Finding f;
  f.rule_id = from.rule_id;
  f.kind = kind;
  f.severity = Severity::Warning;
  f.message = std::move(message);
  f.range = from.range;
  f.action = FindingAction::Skipped;
  f.before = from.before;
  f.secret = from.secret;
  return f;
}

} // namespace

bool keyFree(std::string_view text, const KeyScanOptions &keys) {
  return !keys.enabled || secrets::scanKeys(text, scanOptions(keys)).empty();
}

FileOutcome reconcile(const SourceFile &file, std::vector<Finding> findings,
                      const SyntaxChecker *checker,
                      const ProcessOptions &options) {
  FileOutcome out;
  out.source = &file;
  if (options.keys.enabled)
    addScannedKeys(file, options.keys, findings);
  // One place keeps keys out of every output, whatever engine made the
  // finding: snippets and messages are masked here, before any printer.
  // Messages are sentences: an expression they quote is put on one line.
  for (Finding &f : findings) {
    f.before = secrets::maskKeys(f.before);
    f.after = secrets::maskKeys(f.after);
    f.message = oneLine(secrets::maskKeys(f.message));
    for (RelatedSite &r : f.related)
      r.message = oneLine(r.message);
  }
  // First rule wins, by rule id, whatever order an engine reported in; a
  // client construction first of all: its change carries its key and URL
  // together, so a URL literal inside it (`api_base=os.getenv("X",
  // "https://api.openai.com/v1")`) must not win and leave the client
  // behind while its key is renamed.
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding &a, const Finding &b) {
                     bool ca = a.kind == FindingKind::ClientConstruction;
                     bool cb = b.kind == FindingKind::ClientConstruction;
                     if (ca != cb)
                       return ca;
                     return a.rule_id < b.rule_id;
                   });
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const Finding &f) {
                                  return silenced(file, f, options);
                                }),
                 findings.end());

  // What the person reviewing did not accept stays as it is; the groups
  // they answered for are closed under the plan's flows, so this never
  // splits a client from its key (cli/interactive_review.h).
  if (options.accepted)
    for (Finding &f : findings)
      if (f.change && !options.accepted->count(findingId(f))) {
        f.change.reset();
        f.after.clear();
        f.message += " (not rewritten: skipped in the interactive review)";
      }
  holdBaseUrls(findings);
  EditSet set;
  std::vector<Finding> extra;
  std::vector<std::size_t> accepted; // indices of findings with changes
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Finding &f = findings[i];
    if (!f.change)
      continue;
    if (auto conflict = set.add(*f.change)) {
      f.action = FindingAction::Skipped;
      extra.push_back(derived(f, FindingKind::Conflict,
                              "not rewritten: its edit overlaps one from " +
                                  conflict->existing.rule_id));
      continue;
    }
    accepted.push_back(i);
  }

  std::vector<ChangeGroup> groups;
  for (std::size_t i : accepted)
    groups.push_back(*findings[i].change);
  std::vector<bool> rejected(groups.size(), false);
  if (checker) {
    VerifiedEdits v = verifyGroups(file.content(), groups, *checker);
    for (std::size_t r : v.rejected)
      rejected[r] = true;
    out.edits = std::move(v.edits);
    out.new_content = std::move(v.content);
  } else {
    out.edits = set.edits();
    auto applied = applyEdits(file.content(), out.edits);
    if (applied.ok()) {
      out.new_content = std::move(applied).value();
    } else {
      // Cannot happen with an EditSet's edits; if it does, change nothing
      // rather than print a diff that disagrees with --apply.
      out.edits.clear();
      out.new_content = std::string(file.content());
      std::fill(rejected.begin(), rejected.end(), true);
    }
  }
  for (std::size_t k = 0; k < accepted.size(); ++k) {
    Finding &f = findings[accepted[k]];
    if (rejected[k]) {
      f.action = FindingAction::Skipped;
      extra.push_back(derived(f, FindingKind::RewriteFailed,
                              "not rewritten: the edit would leave the file "
                              "with a syntax error"));
      continue;
    }
    f.action = FindingAction::Rewritten;
  }
  for (Finding &f : extra)
    findings.push_back(std::move(f));
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding &a, const Finding &b) {
                     return a.range.offset < b.range.offset;
                   });
  out.findings = std::move(findings);
  return out;
}

FileOutcome processFile(const SourceFile &file, const Matcher &matcher,
                        const std::vector<const ruleset::Rule *> &rules,
                        const ProcessOptions &options) {
  if (!options.plan)
    return processFindings(file, matcher, matcher.match(file, rules), options);
  auto flows = options.plan->forFile(options.repo_path);
  return processFindings(file, matcher, matcher.match(file, rules, flows.get()),
                         options);
}

FileOutcome processFindings(const SourceFile &file, const Matcher &matcher,
                            std::vector<Finding> findings,
                            const ProcessOptions &options) {
  if (options.plan)
    options.plan->apply(options.repo_path, findings, &file);
  return reconcile(file, std::move(findings), &matcher.syntaxChecker(),
                   options);
}

} // namespace keyshift::driver
