// base/child_process.cc

#include "base/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/clock.h"

extern char** environ;

namespace racelab {
namespace {

using Clock = std::chrono::steady_clock;

// Closes a descriptor on scope exit.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

absl::Status ErrnoError(absl::string_view what, int error) {
  return absl::InternalError(absl::StrCat(what, ": ", strerror(error)));
}

// Reads what is available on `fd` into `out`; returns false at end of file.
bool Drain(int fd, std::string& out) {
  char buffer[16384];
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    return false;  // EOF or a real error: stop reading this pipe
  }
}

}  // namespace

std::string ChildResult::Describe() const {
  if (timed_out) {
    return absl::StrCat("timeout after ", absl::FormatDuration(wall),
                        " (killed)");
  }
  if (cancelled) return "cancelled (killed)";
  if (exited) return absl::StrCat("exit ", exit_code);
  return absl::StrCat("signal ", term_signal, " (", strsignal(term_signal),
                      ")");
}

absl::StatusOr<ChildResult> RunChild(const std::vector<std::string>& argv,
                                     absl::Duration timeout,
                                     const std::atomic<bool>* cancel,
                                     absl::string_view stderr_marker,
                                     const std::vector<std::string>& env) {
  if (argv.empty()) return absl::InvalidArgumentError("RunChild: empty argv");
  // Only the parent's read ends are non-blocking: the child must get
  // ordinary blocking stdout/stderr, or its writes fail with EAGAIN.
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return ErrnoError("pipe2", errno);
  FdCloser out_read(out_pipe[0]), out_write(out_pipe[1]);
  if (pipe2(err_pipe, O_CLOEXEC) != 0) return ErrnoError("pipe2", errno);
  FdCloser err_read(err_pipe[0]), err_write(err_pipe[1]);
  if (fcntl(out_read.get(), F_SETFL, O_NONBLOCK) != 0 ||
      fcntl(err_read.get(), F_SETFL, O_NONBLOCK) != 0) {
    return ErrnoError("fcntl", errno);
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null",
                                   O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);

  std::vector<char*> args;
  for (const std::string& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  // This process's environment, with `env`'s NAME=value entries replacing
  // or adding to it.
  std::vector<char*> envp;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const absl::string_view name = absl::string_view(*entry).substr(
        0, absl::string_view(*entry).find('='));
    const bool replaced =
        std::any_of(env.begin(), env.end(), [name](const std::string& e) {
          return absl::StartsWith(e, name) && e.size() > name.size() &&
                 e[name.size()] == '=';
        });
    if (!replaced) envp.push_back(*entry);
  }
  for (const std::string& entry : env) {
    envp.push_back(const_cast<char*>(entry.c_str()));
  }
  envp.push_back(nullptr);

  const Clock::time_point start = Clock::now();
  const int64_t started_ns = MonotonicNanos();
  pid_t pid = -1;
  const int spawn_error = posix_spawnp(&pid, args[0], &actions, &attributes,
                                       args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawn_error != 0) {
    return ErrnoError(absl::StrCat("cannot start ", argv[0]), spawn_error);
  }
  out_write.reset();
  err_write.reset();

  ChildResult result;
  const Clock::time_point deadline = start + absl::ToChronoNanoseconds(timeout);
  bool out_open = true, err_open = true;
  while (out_open || err_open) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - Clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      kill(-pid, SIGKILL);
      break;
    }
    if (cancel != nullptr && cancel->load()) {
      result.cancelled = true;
      kill(-pid, SIGKILL);
      break;
    }
    pollfd fds[2] = {{out_read.get(), POLLIN, 0}, {err_read.get(), POLLIN, 0}};
    constexpr int64_t kCancelCheckMs = 100;
    const int ready = poll(
        fds, 2,
        static_cast<int>(std::min<int64_t>(left.count() + 1, kCancelCheckMs)));
    if (ready < 0 && errno != EINTR) return ErrnoError("poll", errno);
    if (ready <= 0) continue;
    if (out_open && fds[0].revents != 0) {
      out_open = Drain(out_read.get(), result.stdout_text);
    }
    if (err_open && fds[1].revents != 0) {
      err_open = Drain(err_read.get(), result.stderr_text);
      if (!stderr_marker.empty() && result.marker_ns == 0 &&
          absl::StrContains(result.stderr_text, stderr_marker)) {
        result.marker_ns = MonotonicNanos();
      }
    }
    // A closed pipe must not be polled again (it would report POLLHUP
    // forever); give it a descriptor poll ignores.
    if (!out_open) out_read.reset();
    if (!err_open) err_read.reset();
  }

  int status = 0;
  // The pipes can close before the child exits (it may close them itself);
  // wait for it under the same deadline.
  while (true) {
    const bool killed = result.timed_out || result.cancelled;
    const pid_t done = waitpid(pid, &status, killed ? 0 : WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return ErrnoError("waitpid", errno);
    if (!killed && Clock::now() >= deadline) {
      result.timed_out = true;
      kill(-pid, SIGKILL);
      continue;
    }
    if (!killed && cancel != nullptr && cancel->load()) {
      result.cancelled = true;
      kill(-pid, SIGKILL);
      continue;
    }
    if (done == 0) usleep(1000);
  }
  result.wall = absl::FromChrono(Clock::now() - start);
  result.started_ns = started_ns;
  if (WIFEXITED(status)) {
    result.exited = true;
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.term_signal = WTERMSIG(status);
  }
  return result;
}

absl::StatusOr<std::string> SelfExecutablePath() {
  char path[4096];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0) return ErrnoError("readlink /proc/self/exe", errno);
  return std::string(path, static_cast<size_t>(n));
}

}  // namespace racelab
