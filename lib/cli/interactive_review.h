// `keyshift migrate -i`: a dry run, then one question per change group
// (driver/change_groups.h) on the terminal, then an apply run that keeps
// only the accepted groups' changes (driver/change_selection.h) and writes
// through the same checked path as --apply.
#ifndef KEYSHIFT_CLI_INTERACTIVE_REVIEW_H_
#define KEYSHIFT_CLI_INTERACTIVE_REVIEW_H_

#include "cli/commands.h"
#include "cli/run_setup.h"

namespace keyshift::cli {

/// `setup` is prepareRun's, for migrate.
ExitStatus runInteractiveReview(const RawArgs &args, Io &io, RunSetup &setup);

} // namespace keyshift::cli

#endif // KEYSHIFT_CLI_INTERACTIVE_REVIEW_H_
