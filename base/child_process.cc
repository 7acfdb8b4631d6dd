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
#include "base/check.h"
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
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
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

// This process's environment, with `env`'s NAME=value entries replacing
// or adding to it. The pointers point into environ and `env`.
std::vector<char*> ChildEnvironment(const std::vector<std::string>& env) {
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
  return envp;
}

// Starts argv[0] in its own process group, stdin from /dev/null, stdout and
// stderr into the two write ends.
absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv,
                            const std::vector<std::string>& env, int out_write,
                            int err_write) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null",
                                   O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_write, STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  std::vector<char*> args;
  for (const std::string& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);
  std::vector<char*> envp = ChildEnvironment(env);
  pid_t pid = -1;
  const int spawn_error = posix_spawnp(&pid, args[0], &actions, &attributes,
                                       args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawn_error != 0) {
    return ErrnoError(absl::StrCat("cannot start ", argv[0]), spawn_error);
  }
  return pid;
}

// One running child: its process group, its pipes' read ends, its deadline
// and what it has shown so far. Used by one thread (RunChild's).
class RunningChild {
 public:
  RunningChild(pid_t pid, int out_read, int err_read,
               const ChildOptions& options, Clock::time_point deadline)
      : pid_(pid),
        options_(options),
        deadline_(deadline),
        out_read_(out_read),
        err_read_(err_read) {}

  // Reads stdout and stderr until both close, or until the deadline or a
  // cancel (then the group is killed).
  absl::Status Collect() {
    bool out_open = true, err_open = true;
    while (out_open || err_open) {
      if (KilledForTimeOrCancel()) return absl::OkStatus();
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline_ - Clock::now());
      pollfd fds[2] = {{out_read_.get(), POLLIN, 0},
                       {err_read_.get(), POLLIN, 0}};
      constexpr int64_t kCancelCheckMs = 100;
      const int ready = poll(fds, 2,
                             static_cast<int>(std::min<int64_t>(
                                 left.count() + 1, kCancelCheckMs)));
      if (ready < 0 && errno != EINTR) return ErrnoError("poll", errno);
      if (ready <= 0) continue;
      if (out_open && fds[0].revents != 0) {
        out_open = Drain(out_read_.get(), result_.stdout_text);
      }
      if (err_open && fds[1].revents != 0) {
        err_open = Drain(err_read_.get(), result_.stderr_text);
        if (!options_.stderr_marker.empty() && result_.marker_ns == 0 &&
            absl::StrContains(result_.stderr_text, options_.stderr_marker)) {
          result_.marker_ns = MonotonicNanos();
        }
      }
      // A closed pipe must not be polled again (it would report POLLHUP
      // forever); give it a descriptor poll ignores.
      if (!out_open) out_read_.reset();
      if (!err_open) err_read_.reset();
    }
    return absl::OkStatus();
  }

  // Waits for the child under the same deadline: the pipes can close
  // before it exits (it may close them itself). Then says how it ended.
  absl::StatusOr<ChildResult> Reap() {
    int status = 0;
    while (true) {
      const bool killed = result_.timed_out || result_.cancelled;
      const pid_t done = waitpid(pid_, &status, killed ? 0 : WNOHANG);
      if (done == pid_) break;
      if (done < 0 && errno != EINTR) return ErrnoError("waitpid", errno);
      if (!killed && KilledForTimeOrCancel()) continue;
      if (done == 0) usleep(1000);
    }
    if (WIFEXITED(status)) {
      result_.exited = true;
      result_.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      result_.term_signal = WTERMSIG(status);
    }
    return std::move(result_);
  }

 private:
  // Kills the whole group at the deadline or on a cancel; true if it did.
  bool KilledForTimeOrCancel() {
    if (Clock::now() >= deadline_) {
      result_.timed_out = true;
    } else if (options_.cancel != nullptr && options_.cancel->load()) {
      result_.cancelled = true;
    } else {
      return false;
    }
    kill(-pid_, SIGKILL);
    return true;
  }

  // Constant after construction.
  const pid_t pid_;
  const ChildOptions& options_;
  const Clock::time_point deadline_;

  FdCloser out_read_, err_read_;
  ChildResult result_;
};

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
                                     const ChildOptions& options) {
  if (argv.empty()) return absl::InvalidArgumentError("RunChild: empty argv");
  RACELAB_CHECK(options.timeout > absl::ZeroDuration(),
                "RunChild: ChildOptions::timeout must be > 0");
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
  const Clock::time_point start = Clock::now();
  const int64_t started_ns = MonotonicNanos();
  absl::StatusOr<pid_t> pid =
      Spawn(argv, options.env, out_write.get(), err_write.get());
  if (!pid.ok()) return pid.status();
  out_write.reset();
  err_write.reset();
  RunningChild child(*pid, out_read.release(), err_read.release(), options,
                     start + absl::ToChronoNanoseconds(options.timeout));
  if (absl::Status collected = child.Collect(); !collected.ok()) {
    return collected;
  }
  absl::StatusOr<ChildResult> result = child.Reap();
  if (!result.ok()) return result.status();
  result->wall = absl::FromChrono(Clock::now() - start);
  result->started_ns = started_ns;
  return result;
}

absl::StatusOr<ChildResult> RunChild(const std::vector<std::string>& argv,
                                     absl::Duration timeout) {
  return RunChild(argv, ChildOptions{.timeout = timeout});
}

absl::StatusOr<std::string> SelfExecutablePath() {
  char path[4096];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0) return ErrnoError("readlink /proc/self/exe", errno);
  return std::string(path, static_cast<size_t>(n));
}

}  // namespace racelab
