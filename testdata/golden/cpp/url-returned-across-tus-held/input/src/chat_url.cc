// A call deeper: chatUrl() hands apiBase()'s URL on to its callers.
#include "endpoints.h"

namespace svc {

std::string chatUrl() { return apiBase() + "/chat/completions"; }

} // namespace svc
