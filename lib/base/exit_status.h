// The one place exit codes are defined (DESIGN §1); README documents them.
#ifndef KEYSHIFT_BASE_EXIT_STATUS_H_
#define KEYSHIFT_BASE_EXIT_STATUS_H_

namespace keyshift {

enum class ExitStatus : int {
  Clean = 0,          ///< nothing to do, nothing found
  Findings = 1,       ///< changes or findings (check, audit, migrate --check)
  UsageError = 2,     ///< bad command line or configuration
  PartialFailure = 3, ///< some files could not be processed; others were
};

inline int toInt(ExitStatus s) { return static_cast<int>(s); }

} // namespace keyshift

#endif // KEYSHIFT_BASE_EXIT_STATUS_H_
