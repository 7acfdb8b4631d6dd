// share/tsan_symbolizer.h
//
// TsanSymbolizer: ThreadSanitizer's symbolizer process, seen from the
// MayShare child. TSan names the frames of every race it sees (to match
// it against the suppressions: racelab's own always, the user's when
// given) through an llvm-symbolizer process that it starts the first time
// and that reads the test binary's debug information as it goes. While it
// works, every thread that meets a race waits for TSan's report lock, so
// the hammer makes no progress; on a loaded machine that took longer than
// the watchdog's patience and a class whose race was suppressed was
// reported as a hang (8 of 15 runs of ShareSuppressionTest beside four
// busy processes). Start() has TSan start the process before the hammer
// begins; a TsanSymbolizer tells a watchdog (watchdog.h) when the process
// has been working, which then counts as progress.
//
// Thread-compatible: Start() once, on the child's main thread; an instance
// used by one thread at a time (its watchdog's).

#ifndef RACELAB_SHARE_TSAN_SYMBOLIZER_H_
#define RACELAB_SHARE_TSAN_SYMBOLIZER_H_

#include <sys/types.h>

#include <cstdint>

namespace racelab::share_internal {

class TsanSymbolizer {
 public:
  // Under TSan, has TSan name one of racelab's functions, which starts its
  // symbolizer; nothing without TSan.
  static void Start();

  // Finds the symbolizer process (a child of this one) under TSan. Without
  // TSan, or when TSan symbolizes in-process, there is none, and Busy() is
  // always false.
  TsanSymbolizer();

  // Whether there is a symbolizer process to watch.
  bool found() const { return pid_ >= 0; }

  // Whether the symbolizer used CPU time since the last call (or since
  // construction).
  bool Busy();

 private:
  // Constant after construction.
  pid_t pid_;  // -1: no symbolizer process

  int64_t last_ticks_;  // its CPU clock ticks when last asked
};

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_TSAN_SYMBOLIZER_H_
