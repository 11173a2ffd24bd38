// The last line of defence against printing a secret: matchers already
// redact findings, but text, audit and SARIF printers can run every free-text
// string they print through a redactor as well. The diff cannot: git apply
// needs removed lines verbatim, so a diff of a hard-coded key shows the key.
#ifndef KEYSHIFT_REPORT_REDACTOR_H_
#define KEYSHIFT_REPORT_REDACTOR_H_

#include <functional>
#include <string>
#include <string_view>

namespace keyshift::report {

/// Returns its input with anything secret-looking masked.
using Redactor = std::function<std::string(std::string_view)>;

/// `text` through `redactor`, or unchanged when there is none.
inline std::string redactWith(const Redactor &redactor, std::string_view text) {
  return redactor ? redactor(text) : std::string(text);
}

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_REDACTOR_H_
