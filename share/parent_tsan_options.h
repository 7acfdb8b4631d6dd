// share/parent_tsan_options.h
//
// The ThreadSanitizer options a MayShare child runs with, merged with the
// user's own. TSan reads its options from the binary's
// __tsan_default_options() first and TSAN_OPTIONS second (the later value
// of a flag wins), and takes ONE suppressions file. racelab needs two flags
// (halt_on_error=1, exitcode=66: the first report ends the child with a
// known code) and its suppressions; the user may have set either source.
// So the child gets: the user's TSAN_OPTIONS, then racelab's two flags,
// then suppressions=<one file> holding the user's suppressions file (named
// in either source), racelab's one known abseil false positive, and the
// check's own ShareOptions::tsan_suppressions. Every other flag of the
// user's (history_size, second_deadlock_stack, ...) stays in effect.
// Thread-safe (pure functions).

#ifndef RACELAB_SHARE_PARENT_TSAN_OPTIONS_H_
#define RACELAB_SHARE_PARENT_TSAN_OPTIONS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace racelab::share_internal {

// The value of the last `suppressions=` flag in a TSan options string
// (flags separated by ':', ',', spaces or newlines; values may be quoted),
// or "" if there is none.
std::string SuppressionsFlag(absl::string_view tsan_options);

// The content of the child's one suppressions file. `user_defaults` is the
// binary's __tsan_default_options() ("" if none), `user_env` the
// TSAN_OPTIONS it inherited; a suppressions file named there is read and
// kept (an unreadable one is an error naming it, as TSan would die on it).
absl::StatusOr<std::string> ChildSuppressions(absl::string_view user_defaults,
                                              absl::string_view user_env,
                                              absl::string_view extra);

// TSAN_OPTIONS for the child: the user's, then racelab's flags, then the
// merged suppressions file.
std::string ChildTsanOptions(absl::string_view user_env,
                             absl::string_view suppressions_path);

// This binary's own __tsan_default_options(), "" if it has none (always ""
// in a build without ThreadSanitizer).
std::string BinaryTsanDefaultOptions();

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_PARENT_TSAN_OPTIONS_H_
