// instrument/go_map.cc
//
// The guard's checks and its fatal report. The report runs on a thread that
// has just caught a bug, and its second half runs in a signal handler on
// another thread, so it uses only async-signal-safe calls: write(2),
// absl::GetStackTrace and absl::Symbolize.

#include "instrument/go_map.h"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "absl/debugging/stacktrace.h"
#include "absl/debugging/symbolize.h"

namespace racelab {
namespace {

// Cached: a gettid() system call on every map operation made the guard cost
// 20x on a bare iteration.
pid_t ThisThreadId() {
  thread_local const pid_t id = static_cast<pid_t>(syscall(SYS_gettid));
  return id;
}

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
void WriteStack(int skip) {
  void* frames[48];
  const int depth = absl::GetStackTrace(frames, 48, skip + 1);
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

std::atomic<bool> reporting{false};
std::atomic<bool> other_party_done{false};

void PrintOtherPartyStack(int) {
  char number[24];
  Write("\nthread ");
  Write(Decimal(static_cast<unsigned long long>(ThisThreadId()), number));
  Write(
      " [the other party, stopped by the reporter; it may have moved a "
      "little past the map operation]:\n");
  WriteStack(1);
  other_party_done.store(true);
}

const char* Message(MapGuard::Conflict conflict) {
  switch (conflict) {
    case MapGuard::Conflict::kWrites:
      return "fatal error: concurrent map writes\n";
    case MapGuard::Conflict::kIterationAndWrite:
      return "fatal error: concurrent map iteration and map write\n";
    case MapGuard::Conflict::kReadAndWrite:
      return "fatal error: concurrent map read and map write\n";
  }
  return "fatal error: concurrent map misuse\n";
}

}  // namespace

// Each side publishes its thread id BEFORE its flag, so whoever notices the
// flag also finds the id of the thread that raised it.
MapGuard::WriteScope::WriteScope(MapGuard& guard) : guard_(guard) {
  // The id is published before the flag: the flag's exchange is a full
  // barrier, so whoever sees the flag also sees an id of a writer.
  const pid_t previous_writer = guard_.writer_.load(std::memory_order_relaxed);
  guard_.writer_.store(ThisThreadId(), std::memory_order_relaxed);
  if (guard_.writing_.exchange(true)) {
    Fatal(Conflict::kWrites, previous_writer);
  }
  if (guard_.iterations_.load() > 0) {
    Fatal(Conflict::kIterationAndWrite, guard_.iterator_.load());
  }
}

MapGuard::WriteScope::~WriteScope() {
  // Go re-checks the flag at the end of a write as well.
  if (!guard_.writing_.load(std::memory_order_relaxed)) {
    Fatal(Conflict::kWrites, 0);
  }
  guard_.writing_.store(false, std::memory_order_release);
}

void MapGuard::BeginIteration() {
  iterator_.store(ThisThreadId(), std::memory_order_relaxed);
  iterations_.fetch_add(1);  // full barrier: the Dekker half of a reader
  if (writing_.load()) Fatal(Conflict::kIterationAndWrite, writer_.load());
}

void MapGuard::EndIteration() {
  iterations_.fetch_sub(1, std::memory_order_release);
}

// A step and a read need no barrier of their own (BeginIteration already
// made the Dekker check); they look at the flag, as Go does, best effort.
void MapGuard::CheckStep() const {
  if (writing_.load(std::memory_order_acquire)) {
    Fatal(Conflict::kIterationAndWrite, writer_.load());
  }
}

void MapGuard::CheckRead() const {
  if (writing_.load(std::memory_order_acquire)) {
    Fatal(Conflict::kReadAndWrite, writer_.load());
  }
}

void MapGuard::Fatal(Conflict conflict, pid_t other_thread) {
  if (reporting.exchange(true)) {
    // Another thread is already reporting (maybe this very conflict, seen
    // from the other side); let it finish and abort.
    while (true) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  const pid_t self = ThisThreadId();
  char number[24];
  Write(Message(conflict));
  Write("\nthread ");
  Write(Decimal(static_cast<unsigned long long>(self), number));
  Write(" [noticed it]:\n");
  WriteStack(1);

  if (other_thread != 0 && other_thread != self) {
    struct sigaction action = {};
    action.sa_handler = PrintOtherPartyStack;
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
    Write("\nthe other party: unknown (it had left the map operation)\n");
  }
  std::abort();
}

}  // namespace racelab
