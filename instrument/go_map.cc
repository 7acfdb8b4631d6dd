// instrument/go_map.cc
//
// The guard's checks. The fatal report itself (both threads' stacks) is
// instrument/conflict_report.cc's.

#include "instrument/go_map.h"

#include "instrument/conflict_report.h"

namespace racelab {
namespace {

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
  guard_.writer_.store(ConflictThreadId(), std::memory_order_relaxed);
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
  iterator_.store(ConflictThreadId(), std::memory_order_relaxed);
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
  ReportConflictAndAbort(Message(conflict), other_thread, "map operation");
}

}  // namespace racelab
