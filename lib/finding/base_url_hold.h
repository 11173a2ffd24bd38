// The hard rule within one unit of code (a file, or a documentation code
// block): if a client there stays as it is, an OpenAI URL or
// OPENAI_BASE_URL read elsewhere in it might be its base URL
// (`BASE = "https://api.openai.com/v1"; OpenAI(base_url=BASE, ...)`), so
// none of them moves on its own.
#ifndef KEYSHIFT_FINDING_BASE_URL_HOLD_H_
#define KEYSHIFT_FINDING_BASE_URL_HOLD_H_

#include "finding/finding.h"

#include <vector>

namespace keyshift {

/// When some finding has Finding::blocks_base_url, drops the change of
/// every endpoint literal and OPENAI_BASE_URL read among `findings`, and of
/// every finding sharing an edit with one (the key sent with a request),
/// and says why.
void holdBaseUrls(std::vector<Finding> &findings);

} // namespace keyshift

#endif // KEYSHIFT_FINDING_BASE_URL_HOLD_H_
