// instrument/conflict_report.cc
//
// The guards' fatal report. It runs on a thread that has just caught a bug,
// and its second half runs in a signal handler on another thread, so it
// uses only async-signal-safe calls: write(2), absl::GetStackTrace and
// absl::Symbolize.

#include "instrument/conflict_report.h"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "absl/debugging/stacktrace.h"
#include "absl/debugging/symbolize.h"

namespace racelab {
namespace {

void Write(const char* text) {
  size_t left = std::strlen(text);
  while (left > 0) {
    const ssize_t n = write(STDERR_FILENO, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<size_t>(n);
  }
}

// Decimal, into `buffer` (at least 24 bytes); no allocation.
const char* Decimal(unsigned long long value, char* buffer) {
  char* end = buffer + 23;
  *end = '\0';
  char* p = end;
  do {
    *--p = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  return p;
}

// Prints this thread's stack, skipping `skip` innermost frames.
// Prints `depth` frames, symbolized.
void WriteFrames(void* const* frames, int depth) {
  char number[24];
  char symbol[512];
  for (int i = 0; i < depth; ++i) {
    Write("    #");
    Write(Decimal(static_cast<unsigned long long>(i), number));
    Write(" ");
    // Symbolize the call instruction, not the return address after it.
    const char* pc = static_cast<const char*>(frames[i]) - (i > 0 ? 1 : 0);
    Write(absl::Symbolize(pc, symbol, sizeof(symbol)) ? symbol : "(unknown)");
    Write("\n");
  }
}

// Prints this thread's stack, skipping `skip` innermost frames.
void WriteStack(int skip) {
  void* frames[48];
  const int depth = absl::GetStackTrace(frames, 48, skip + 1);
  WriteFrames(frames, depth);
}

std::atomic<bool> reporting{false};
// What the other party was doing ("map operation", "CURL handle call"),
// set once by the reporter before it signals.
std::atomic<const char*> other_party_subject{"guarded operation"};
std::atomic<bool> other_party_done{false};

void PrintOtherPartyStack(int, siginfo_t*, void* context) {
  char number[24];
  Write("\nthread ");
  Write(Decimal(static_cast<unsigned long long>(ConflictThreadId()), number));
  Write(
      " [the other party, stopped by the reporter; it may have moved a "
      "little past the ");
  Write(other_party_subject.load());
  Write("]:\n");
  // From the interrupted frame (the signal context), not from this handler.
  void* frames[48];
  const int depth =
      absl::GetStackTraceWithContext(frames, 48, 1, context, nullptr);
  WriteFrames(frames, depth);
  other_party_done.store(true);
}

}  // namespace

// Cached: a gettid() system call on every map operation made the guard cost
// 20x on a bare iteration.
pid_t ConflictThreadId() {
  thread_local const pid_t id = static_cast<pid_t>(syscall(SYS_gettid));
  return id;
}

void ReportConflictAndAbort(const char* message, pid_t other_thread,
                            const char* subject, void* const* entry_frames,
                            int entry_depth) {
  if (reporting.exchange(true)) {
    // Another thread is already reporting (maybe this very conflict, seen
    // from the other side); let it finish and abort.
    while (true) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  const pid_t self = ConflictThreadId();
  char number[24];
  Write(message);
  other_party_subject.store(subject);
  Write("\nthread ");
  Write(Decimal(static_cast<unsigned long long>(self), number));
  Write(" [noticed it]:\n");
  WriteStack(1);

  if (other_thread != 0 && other_thread != self) {
    struct sigaction action = {};
    action.sa_sigaction = PrintOtherPartyStack;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGUSR2, &action, nullptr);
    if (syscall(SYS_tgkill, getpid(), other_thread, SIGUSR2) == 0) {
      const auto deadline =
          std::chrono::steady_clock::now() + std::chrono::seconds(2);
      while (!other_party_done.load() &&
             std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
    if (!other_party_done.load()) {
      Write("\nthread ");
      Write(Decimal(static_cast<unsigned long long>(other_thread), number));
      Write(" [the other party]: did not answer (it may have exited)\n");
    }
  } else {
    Write("\nthe other party: unknown (it had left the ");
    Write(subject);
    Write(")\n");
  }
  if (entry_depth > 0) {
    // Recorded by the other party itself when it entered, so it holds even
    // if the walk above stopped early (a library without frame pointers)
    // or the thread has moved on since.
    Write("\nthread ");
    Write(Decimal(static_cast<unsigned long long>(other_thread), number));
    Write(" [the other party] had entered the ");
    Write(subject);
    Write(" at:\n");
    WriteFrames(entry_frames, entry_depth);
  }
  std::abort();
}

}  // namespace racelab
