// The hard rule across files, until the repository plan does it with an
// index pass: config files are matched after every code file, and a config
// change that moves a variable to the proxy (Finding::flow) is vetoed when
// code in this run reads that variable and stays as it is (DECISIONS: "an
// environment variable name is one flow across the whole repository").
// A client left on OpenAI reads OPENAI_API_KEY by the SDK's default, so it
// vetoes that name too.
#ifndef KEYSHIFT_DRIVER_FLOW_GATE_H_
#define KEYSHIFT_DRIVER_FLOW_GATE_H_

#include "base/language.h"
#include "report/report_sink.h"

#include <map>
#include <string>
#include <vector>

namespace keyshift::driver {

/// Config files, whose changes wait for what the code files did.
bool waitsForCode(Language language);

class FlowGate {
public:
  /// Records what a code file's outcome leaves unmigrated. Not
  /// thread-safe: the driver calls it under its lock.
  void observe(const FileOutcome &outcome);
  /// Turns each change of a vetoed flow into a needs-review report naming
  /// the code site that keeps the variable.
  void veto(std::vector<Finding> &findings) const;

private:
  std::map<std::string, std::string> kept_; ///< variable -> "path:line"
};

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_FLOW_GATE_H_
