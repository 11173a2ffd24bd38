// Running git in tests that need a real repository (a scratch TempDir).
#ifndef KEYSHIFT_TESTS_SCAN_GIT_CMD_H_
#define KEYSHIFT_TESTS_SCAN_GIT_CMD_H_

#include <cstdio>
#include <cstdlib>
#include <string>

namespace keyshift::scan {

// Runs git through the shell; only fixed arguments and mkdtemp paths
// (no quotes or spaces) go through it.
inline int git(const std::string &repo, const std::string &args) {
  std::string cmd = "git -C '" + repo +
                    "' -c user.name=keyshift -c user.email=test@example.com " +
                    args + " >/dev/null 2>&1";
  return std::system(cmd.c_str());
}

inline std::string gitOutput(const std::string &repo, const std::string &args) {
  std::string cmd = "git -C '" + repo + "' " + args;
  std::string out;
  FILE *p = ::popen(cmd.c_str(), "r");
  if (p == nullptr)
    return out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
    out.append(buf, n);
  ::pclose(p);
  return out;
}

} // namespace keyshift::scan

#endif // KEYSHIFT_TESTS_SCAN_GIT_CMD_H_
