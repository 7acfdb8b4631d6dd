// instrument/tsan_options.cc
//
// ThreadSanitizer runtime options compiled into every racelab executable of
// the TSan build (linked by tsan.cmake). The environment variable
// TSAN_OPTIONS still overrides any of these.

extern "C" {

// halt_on_error=1 and exitcode=66: the first report ends the process with a
// known code. Without it TSan keeps going after a report, and a racy run can
// then crash inside TSan itself or hang, which no test can rely on.
const char* __tsan_default_options() {
  return "halt_on_error=1:exitcode=66:second_deadlock_stack=1";
}

const char* __tsan_default_suppressions() {
  // abseil#1239 (google/sanitizers#953): Waiter::Post() races with the mmap
  // in LowLevelAlloc as far as TSan can tell, a known false positive inside
  // absl::Mutex. It is the only suppression racelab has.
  return "race:absl::*::synchronization_internal::Waiter::Post\n";
}

}  // extern "C"
