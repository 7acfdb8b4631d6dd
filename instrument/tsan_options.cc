// instrument/tsan_options.cc
//
// ThreadSanitizer runtime options compiled into every racelab executable of
// the TSan build (linked by tsan.cmake). The environment variable
// TSAN_OPTIONS still overrides any of these.

#ifndef RACELAB_LLVM_SYMBOLIZER_PATH
#error \
    "tsan.cmake defines RACELAB_LLVM_SYMBOLIZER_PATH (the configured symbolizer)"
#endif

extern "C" {

// halt_on_error=1 and exitcode=66: the first report ends the process with a
// known code. Without it TSan keeps going after a report, and a racy run can
// then crash inside TSan itself or hang, which no test can rely on.
//
// external_symbolizer_path: the llvm-symbolizer tsan.cmake found for this
// compiler (it refuses to configure without one), so PATH does not decide
// whether, and which, symbolizer names the frames. Should it be removed
// after the build, every TSan binary stops at start-up with TSan's own
// "External symbolizer path is set to '...' which isn't a known symbolizer":
// loud, and naming the cause. (The path cannot be checked here: this runs
// inside TSan's initialisation, where even access() crashes.)
const char* __tsan_default_options() {
  return "halt_on_error=1:exitcode=66:second_deadlock_stack=1:"
         "external_symbolizer_path=" RACELAB_LLVM_SYMBOLIZER_PATH;
}

const char* __tsan_default_suppressions() {
  // abseil#1239 (google/sanitizers#953): Waiter::Post() races with the mmap
  // in LowLevelAlloc as far as TSan can tell, a known false positive inside
  // absl::Mutex. It is the only suppression racelab has.
  return "race:absl::*::synchronization_internal::Waiter::Post\n";
}

}  // extern "C"
