// wire/server_process.cc

#include "wire/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "base/build_info.h"

extern char** environ;

namespace racelab::wire {
namespace {

constexpr absl::string_view kListening =
    "racelab serve: listening on http://127.0.0.1:";

// The server's environment: ours, and in a TSan build report_bugs=0 (see the
// header) after the user's TSAN_OPTIONS.
std::vector<std::string> ServerEnvironment() {
  std::vector<std::string> env;
  std::string tsan_options;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    absl::string_view text(*entry);
    if (absl::StartsWith(text, "TSAN_OPTIONS=")) {
      tsan_options = std::string(text.substr(13));
    } else {
      env.emplace_back(text);
    }
  }
  if (IsTsanBuild()) {
    absl::StrAppend(&tsan_options, tsan_options.empty() ? "" : ":",
                    "report_bugs=0");
  }
  if (!tsan_options.empty()) env.push_back("TSAN_OPTIONS=" + tsan_options);
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Stops `pid` (SIGTERM, then SIGKILL after 2 s) and reaps it.
void StopAndReap(pid_t pid) {
  kill(pid, SIGTERM);
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return;
    usleep(10 * 1000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const std::string& racelab_binary, int port,
    absl::Duration startup_timeout) {
  std::vector<std::string> args = {racelab_binary, "serve",
                                   absl::StrCat("--port=", port)};
  std::vector<std::string> env = ServerEnvironment();
  std::vector<char*> argv = Pointers(args);
  std::vector<char*> envp = Pointers(env);
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(out[0]);
    close(out[1]);
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);
    dup2(out[1], STDOUT_FILENO);
    dup2(out[1], STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    static const char kExecFailed[] = "racelab serve: cannot execute ";
    (void)!write(STDERR_FILENO, kExecFailed, sizeof(kExecFailed) - 1);
    (void)!write(STDERR_FILENO, argv[0], std::strlen(argv[0]));
    _exit(127);
  }
  close(out[1]);
  std::string output;
  const absl::Time deadline = absl::Now() + startup_timeout;
  while (true) {
    if (const size_t at = output.find(kListening.data(), 0, kListening.size());
        at != std::string::npos && output.find('\n', at) != std::string::npos) {
      const size_t begin = at + kListening.size();
      int bound = 0;
      if (!absl::SimpleAtoi(output.substr(begin, output.find('\n', at) - begin),
                            &bound)) {
        break;
      }
      close(out[0]);
      return std::unique_ptr<ServerProcess>(new ServerProcess(pid, bound));
    }
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      close(out[0]);
      StopAndReap(pid);
      return absl::DeadlineExceededError(absl::StrCat(
          racelab_binary, " serve did not say it was listening within ",
          absl::FormatDuration(startup_timeout), "; it printed: \"", output,
          "\""));
    }
    pollfd fd = {out[0], POLLIN, 0};
    const int ready =
        poll(&fd, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    char buffer[512];
    const ssize_t n = read(out[0], buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the server exited
    output.append(buffer, static_cast<size_t>(n));
  }
  close(out[0]);
  int status = 0;
  kill(pid, SIGTERM);
  waitpid(pid, &status, 0);
  while (!output.empty() && output.back() == '\n') output.pop_back();
  const std::string said =
      output.empty() ? "nothing" : absl::StrCat("\"", output, "\"");
  const std::string how =
      WIFEXITED(status)
          ? absl::StrCat("exited with status ", WEXITSTATUS(status))
          : absl::StrCat("died of signal ", WTERMSIG(status));
  if (absl::StrContains(output, "in use")) {
    return absl::FailedPreconditionError(output);
  }
  return absl::UnavailableError(
      absl::StrCat("the loopback server (", racelab_binary, " serve) ", how,
                   " before listening; it said ", said));
}

ServerProcess::ServerProcess(pid_t pid, int port)
    : pid_(pid),
      port_(port),
      base_url_(absl::StrCat("http://127.0.0.1:", port)) {}

ServerProcess::~ServerProcess() { StopAndReap(pid_); }

}  // namespace racelab::wire
