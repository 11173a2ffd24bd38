// `keyshift` in a forked child, for what a test cannot do to itself: kill
// the run at any moment, or run it as an unprivileged user (permissions do
// not stop root).
#ifndef KEYSHIFT_TESTS_CLI_CHILD_PROCESS_H_
#define KEYSHIFT_TESTS_CLI_CHILD_PROCESS_H_

#include "cli/run_main.h"

#include <cerrno>
#include <functional>
#include <sstream>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace keyshift::cli::testing {

/// A forked `keyshift ARGS` in `cwd`; `before` runs first in the child
/// (dropping privileges, say). stderr is collected by finish().
class Child {
public:
  Child(std::vector<std::string> args, std::string cwd,
        const driver::TestHooks *hooks = nullptr,
        const std::function<void()> &before = {}) {
    int fds[2];
    if (::pipe(fds) != 0)
      return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::close(fds[0]);
      if (before)
        before();
      std::ostringstream out, err;
      int code = runMain(args, out, err, cwd, hooks);
      std::string text = err.str();
      for (std::size_t done = 0; done < text.size();) {
        ssize_t n = ::write(fds[1], text.data() + done, text.size() - done);
        if (n <= 0)
          break;
        done += static_cast<std::size_t>(n);
      }
      ::_exit(code); // no gtest teardown, no static destructors, in a fork
    }
    ::close(fds[1]);
    fd_ = fds[0];
  }
  Child(const Child &) = delete;
  Child &operator=(const Child &) = delete;
  ~Child() {
    if (pid_ > 0 && !reaped_)
      finish();
  }

  pid_t pid() const { return pid_; }

  /// Waits for the child: its wait status; stderr into `err` if given.
  int finish(std::string *err = nullptr) {
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = ::read(fd_, buf, sizeof buf)) != 0;) {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd_);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    if (err)
      *err = std::move(text);
    return status;
  }

private:
  pid_t pid_ = -1;
  int fd_ = -1;
  bool reaped_ = false;
};

} // namespace keyshift::cli::testing

#endif // KEYSHIFT_TESTS_CLI_CHILD_PROCESS_H_
