// One HTTP request with a bearer key and a deadline, through libcurl. The
// key goes into the Authorization header only; nothing here prints it.
#ifndef KEYSHIFT_VERIFY_HTTP_REQUEST_H_
#define KEYSHIFT_VERIFY_HTTP_REQUEST_H_

#include "base/error.h"

#include <string>

namespace keyshift::verify {

struct HttpRequest {
  std::string method = "GET"; ///< GET or POST
  std::string url;
  std::string bearer_key;
  std::string json_body; ///< POST only
  long timeout_ms = 10000;
};

struct HttpReply {
  long status = 0;
  std::string body;
};

/// The reply, whatever its status; an error only when no reply came
/// (ErrorCode::Io: "no answer from URL within N ms", refused, DNS...).
Result<HttpReply> send(const HttpRequest &request);

} // namespace keyshift::verify

#endif // KEYSHIFT_VERIFY_HTTP_REQUEST_H_
