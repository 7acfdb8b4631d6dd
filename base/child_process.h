// base/child_process.h
//
// RunChild(): runs a program in a child process with a time limit and
// captures its output. A racy program may crash, abort, hang or die of a
// sanitizer report; run in a child, each of those is just an outcome that
// the parent records, and a hang is bounded by the timeout.

#ifndef RACELAB_BASE_CHILD_PROCESS_H_
#define RACELAB_BASE_CHILD_PROCESS_H_

#include <atomic>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace racelab {

// How a child ended. Plain value type.
struct ChildResult {
  bool exited = false;     // exited normally; see exit_code
  int exit_code = -1;      // valid if exited
  int term_signal = 0;     // the signal that killed it, if !exited
  bool timed_out = false;  // killed by RunChild() after the timeout
  bool cancelled = false;  // killed by RunChild() because `cancel` was set
  std::string stdout_text;
  std::string stderr_text;
  absl::Duration wall = absl::ZeroDuration();
  // CLOCK_MONOTONIC (as MonotonicNanos()) when the child was started, and
  // when `stderr_marker` first appeared in its stderr (0: never).
  int64_t started_ns = 0;
  int64_t marker_ns = 0;

  // "exit 0", "exit 66", "signal 11 (Segmentation fault)",
  // "timeout after 5s (killed)", "cancelled (killed)".
  std::string Describe() const;
};

// How to run a child. Plain value type.
struct ChildOptions {
  // The whole process group is killed with SIGKILL after it (the result
  // says timed_out). REQUIRED: > 0.
  absl::Duration timeout = absl::ZeroDuration();
  // Within ~100 ms of `*cancel` becoming true (e.g. set by a SIGINT
  // handler) the child is killed and the result says cancelled.
  const std::atomic<bool>* cancel = nullptr;
  // If set, the moment it first shows up on stderr is recorded (marker_ns).
  std::string stderr_marker;
  // NAME=value entries that replace or add to this process's environment.
  std::vector<std::string> env;
};

// RunChild() starts argv[0] (searched in PATH) with `argv` in its own process
// group, with stdin from /dev/null, collects stdout and stderr, and waits,
// as `options` says. Returns an error only if the child could not be
// started at all. Thread-safe. REQUIRES: !argv.empty(), options.timeout > 0.
absl::StatusOr<ChildResult> RunChild(const std::vector<std::string>& argv,
                                     const ChildOptions& options);
// The same with only a time limit.
absl::StatusOr<ChildResult> RunChild(const std::vector<std::string>& argv,
                                     absl::Duration timeout);

// SelfExecutablePath() returns the absolute path of the running program
// (/proc/self/exe), for a tool that re-runs itself in a child.
absl::StatusOr<std::string> SelfExecutablePath();

}  // namespace racelab

#endif  // RACELAB_BASE_CHILD_PROCESS_H_
