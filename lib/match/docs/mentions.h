// What keyshift reports in documentation code it does not parse: shell
// commands (`curl https://api.openai.com/v1/... -H "Authorization: Bearer
// $OPENAI_API_KEY"`) and C++ (which needs a compile command). Each OpenAI
// URL and each OPENAI_API_KEY / OPENAI_BASE_URL name is a finding without a
// change, so a reader of the audit sees every place a migrated README still
// points at OpenAI.
#ifndef KEYSHIFT_MATCH_DOCS_MENTIONS_H_
#define KEYSHIFT_MATCH_DOCS_MENTIONS_H_

#include "base/byte_range.h"
#include "finding/finding.h"

#include <string_view>
#include <vector>

namespace keyshift::docs {

/// The OpenAI URLs and variable names in `code` outside `covered` (what an
/// engine already reported); `language` names the block in the message.
std::vector<Finding> mentions(std::string_view code,
                              const std::vector<ByteRange> &covered,
                              std::string_view language);

} // namespace keyshift::docs

#endif // KEYSHIFT_MATCH_DOCS_MENTIONS_H_
