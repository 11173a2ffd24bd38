// docker-compose `env_file:` targets are .env files whatever their name
// (`config/bot.vars`): the walker names languages by file name, so the
// driver reads each compose file's env_file entries first and hands their
// targets to the .env rules.
#ifndef KEYSHIFT_DRIVER_ENV_FILE_TARGETS_H_
#define KEYSHIFT_DRIVER_ENV_FILE_TARGETS_H_

#include "scan/file_loader.h"
#include "scan/file_system.h"
#include "scan/walker.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift::driver {

/// Gives Language::Env to every file of unknown type that a compose file
/// among `files` names in `env_file:`. A walk without `any_text` left such
/// files out: they are walked now, with the same options otherwise (so a
/// link leaving the root is still refused), and added.
void markEnvFileTargets(std::vector<scan::FileEntry> &files,
                        scan::FileSystem &fs, const scan::GitLister &git,
                        const scan::WalkOptions &walked,
                        const scan::LoadLimits &limits);

} // namespace keyshift::driver

#endif // KEYSHIFT_DRIVER_ENV_FILE_TARGETS_H_
