// share/child/tsan_symbolizer.h
//
// StartTsanSymbolizer(): has ThreadSanitizer start its symbolizer now. TSan
// names the frames of every race it sees (to match it against the
// suppressions: racelab's own always, the user's when given) through an
// llvm-symbolizer process that it starts the first time. Started in the
// middle of the hammer, every thread that met a race waited for TSan's
// report lock while the process started, and on a loaded machine that
// took longer than the watchdog's patience: a class whose race was
// suppressed was reported as a hang (8 of 15 runs of ShareSuppressionTest
// beside four busy processes; 2 of 20 with this call made first, since
// the frames' debug information is still read on first use).
//
// Thread-safe (TSan serialises its symbolizer); call it once, in the
// MayShare child, before the hammer starts.

#ifndef RACELAB_SHARE_CHILD_TSAN_SYMBOLIZER_H_
#define RACELAB_SHARE_CHILD_TSAN_SYMBOLIZER_H_

namespace racelab::share_internal {

// Under TSan, has TSan name one of racelab's functions, which starts its
// symbolizer; does nothing without TSan. Returns whether TSan gave a name.
bool StartTsanSymbolizer();

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CHILD_TSAN_SYMBOLIZER_H_
