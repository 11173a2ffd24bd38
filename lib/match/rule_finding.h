// How every engine turns "rule R fired here" into a Finding: the rule's id,
// kind, severity and message, the place, and a snippet of what is there.
// Language-free, so the tree-sitter and Clang engines build findings the
// same way.
#ifndef KEYSHIFT_MATCH_RULE_FINDING_H_
#define KEYSHIFT_MATCH_RULE_FINDING_H_

#include "base/byte_range.h"
#include "finding/finding.h"

#include <string>

namespace keyshift {
namespace ruleset {
struct Rule;
}

/// A finding of `rule` at `range`, with the rule's kind and message.
Finding ruleFinding(const ruleset::Rule &rule, ByteRange range,
                    std::string before);
/// The same with another kind and message (needs-review, already-proxied);
/// an already-proxied finding is a note, whatever the rule's severity.
Finding ruleFinding(const ruleset::Rule &rule, FindingKind kind,
                    std::string message, ByteRange range, std::string before);

} // namespace keyshift

#endif // KEYSHIFT_MATCH_RULE_FINDING_H_
