#include "scan/git_process.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ; // NOLINT: POSIX

namespace keyshift::scan {
namespace {

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

void closeFd(int &fd) {
  if (fd >= 0)
    ::close(fd);
  fd = -1;
}

// A write to a pipe whose reader has gone raises SIGPIPE, which would end
// keyshift. Blocked for this thread around the write, and a pending one
// consumed, so the write just fails with EPIPE (and the CLI's own handling
// of SIGPIPE, when it prints into `| head`, stays as it was).
ssize_t writeNoSigpipe(int fd, const char *data, std::size_t size) {
  sigset_t pipe_set, old;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
  ssize_t n = ::write(fd, data, size);
  const int saved = errno;
  if (n < 0 && errno == EPIPE) {
    const timespec zero{0, 0};
    while (::sigtimedwait(&pipe_set, nullptr, &zero) < 0 && errno == EINTR) {
    }
  }
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  errno = saved;
  return n;
}

struct Pipe {
  int read = -1;
  int write = -1;
  bool open() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
      return false;
    read = fds[0];
    write = fds[1];
    return true;
  }
  void close() {
    closeFd(read);
    closeFd(write);
  }
};

Result<GitOutput> run(const std::vector<std::string> &git_args,
                      std::string_view input,
                      const std::function<void(std::string_view)> *stream) {
  std::vector<std::string> argv{"git"};
  argv.insert(argv.end(), git_args.begin(), git_args.end());
  Pipe in, out, err;
  if ((!input.empty() && !in.open()) || !out.open() || !err.open()) {
    in.close();
    out.close();
    err.close();
    return makeError(ErrorCode::Io, "git: cannot create pipe");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (input.empty())
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  else
    posix_spawn_file_actions_adddup2(&actions, in.read, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, 1);
  posix_spawn_file_actions_adddup2(&actions, err.write, 2);

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
  closeFd(in.read);
  closeFd(out.write);
  closeFd(err.write);
  if (rc != 0) {
    in.close();
    out.close();
    err.close();
    char buf[256];
    return makeError(ErrorCode::Io,
                     "git: cannot run: " +
                         std::string(::strerror_r(rc, buf, sizeof buf)));
  }
  if (in.write >= 0)
    ::fcntl(in.write, F_SETFL, ::fcntl(in.write, F_GETFL) | O_NONBLOCK);

  // Feed stdin and drain both outputs together: git blocks if a pipe fills.
  GitOutput result;
  std::size_t written = 0;
  char buf[64 * 1024];
  while (out.read >= 0 || err.read >= 0 || in.write >= 0) {
    pollfd fds[3] = {
        {out.read, POLLIN, 0}, {err.read, POLLIN, 0}, {in.write, POLLOUT, 0}};
    if (::poll(fds, 3, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    if (fds[2].fd >= 0 && fds[2].revents != 0) {
      ssize_t n = writeNoSigpipe(in.write, input.data() + written,
                                 input.size() - written);
      if (n > 0)
        written += static_cast<std::size_t>(n);
      if ((n < 0 && errno != EAGAIN && errno != EINTR) ||
          written == input.size())
        closeFd(in.write); // done, or git stopped reading (EPIPE)
    }
    int *readers[2] = {&out.read, &err.read};
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || fds[k].revents == 0)
        continue;
      ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
      if (n > 0) {
        std::string_view chunk(buf, static_cast<std::size_t>(n));
        if (k == 0 && stream)
          (*stream)(chunk);
        else
          (k == 0 ? result.out : result.err).append(chunk);
      } else if (n == 0 || errno != EINTR) {
        closeFd(*readers[k]);
      }
    }
  }
  in.close();
  out.close();
  err.close();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  return result;
}

} // namespace

Result<GitOutput> runGit(const std::vector<std::string> &args,
                         std::string_view input) {
  return run(args, input, nullptr);
}

Result<GitOutput>
streamGit(const std::vector<std::string> &args,
          const std::function<void(std::string_view)> &on_output) {
  return run(args, {}, &on_output);
}

std::string firstLine(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

} // namespace keyshift::scan
