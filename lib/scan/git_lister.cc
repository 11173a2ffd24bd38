#include "scan/git_lister.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ; // NOLINT: POSIX

namespace keyshift::scan {
namespace {

struct ProcessOutput {
  int exit_code = -1; ///< -1: could not start or killed by a signal
  std::string out;
  std::string err;
};

// Inside a git hook, git exports GIT_DIR / GIT_INDEX_FILE (sometimes as
// relative paths); with `-C <dir>` those would point at the wrong place, so
// the child discovers the repository from the directory alone.
bool keepInChildEnv(std::string_view var) {
  static constexpr std::string_view kDrop[] = {
      "GIT_DIR=",        "GIT_WORK_TREE=",
      "GIT_INDEX_FILE=", "GIT_PREFIX=",
      "GIT_COMMON_DIR=", "GIT_OBJECT_DIRECTORY=",
      "GIT_NAMESPACE=",  "GIT_ALTERNATE_OBJECT_DIRECTORIES=",
  };
  for (std::string_view d : kDrop)
    if (var.substr(0, d.size()) == d)
      return false;
  return true;
}

Result<ProcessOutput> runProcess(const std::vector<std::string> &argv) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0)
    return makeError(ErrorCode::Io, "git: cannot create pipe");
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return makeError(ErrorCode::Io, "git: cannot create pipe");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);

  std::vector<char *> args;
  args.reserve(argv.size() + 1);
  for (const std::string &a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char *> env;
  for (char **e = environ; *e != nullptr; ++e)
    if (keepInChildEnv(*e))
      env.push_back(*e);
  env.push_back(nullptr);

  pid_t pid = 0;
  int rc =
      ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    char buf[256];
    return makeError(ErrorCode::Io, argv[0] + ": cannot run: " +
                                        ::strerror_r(rc, buf, sizeof buf));
  }

  // Drain both pipes together: git blocks if either fills up.
  ProcessOutput result;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string *sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buf[64 * 1024];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || fds[k].revents == 0)
        continue;
      ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[k]->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[k].fd);
        fds[k].fd = -1;
        --open_fds;
      }
    }
  }
  for (pollfd &p : fds)
    if (p.fd >= 0)
      ::close(p.fd);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  return result;
}

std::string firstLine(std::string_view s) {
  std::size_t nl = s.find('\n');
  return std::string(s.substr(0, nl));
}

} // namespace

std::vector<std::string> splitNulRecords(std::string_view bytes) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t j = bytes.find('\0', i);
    if (j == std::string_view::npos)
      j = bytes.size();
    if (j > i)
      out.emplace_back(bytes.substr(i, j - i));
    i = j + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<std::string>
ProcessGitLister::workTreeRoot(const std::string &dir) const {
  auto r = runProcess({"git", "-C", dir, "rev-parse", "--show-toplevel"});
  if (!r || r->exit_code != 0)
    return std::nullopt;
  std::string top = std::move(r->out);
  if (!top.empty() && top.back() == '\n')
    top.pop_back();
  if (top.empty() || top.front() != '/')
    return std::nullopt;
  return top;
}

Result<std::vector<std::string>>
ProcessGitLister::listFiles(const std::string &root) const {
  auto r = runProcess({"git", "-C", root, "ls-files", "-z", "--cached",
                       "--others", "--exclude-standard"});
  if (!r)
    return r.error();
  if (r->exit_code != 0)
    return makeError(ErrorCode::Io,
                     root + ": git ls-files failed: " + firstLine(r->err));
  return splitNulRecords(r->out);
}

} // namespace keyshift::scan
