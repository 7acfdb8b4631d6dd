// share/parent_tsan_options.cc

#include "share/parent_tsan_options.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "base/read_file.h"

// Defined by the TSan runtime (weakly, returning "") and possibly by the
// user's binary; absent without ThreadSanitizer, so declared weak here.
extern "C" const char* __tsan_default_options() __attribute__((weak));

namespace racelab::share_internal {
namespace {

// racelab's own: abseil#1239 (google/sanitizers#953), Waiter::Post() races
// with LowLevelAlloc's mmap as far as TSan can tell, a known false positive
// inside absl::Mutex (instrument/tsan_options.cc has the same line).
constexpr char kRacelabSuppressions[] =
    "race:absl::*::synchronization_internal::Waiter::Post\n";

bool IsSeparator(char c) {
  return c == ':' || c == ',' || c == ' ' || c == '\t' || c == '\n' ||
         c == '\r';
}

}  // namespace

std::string SuppressionsFlag(absl::string_view tsan_options) {
  std::string found;
  size_t i = 0;
  const size_t n = tsan_options.size();
  while (i < n) {
    while (i < n && IsSeparator(tsan_options[i])) ++i;
    const size_t name_start = i;
    while (i < n && tsan_options[i] != '=' && !IsSeparator(tsan_options[i])) {
      ++i;
    }
    const absl::string_view name =
        tsan_options.substr(name_start, i - name_start);
    if (i >= n || tsan_options[i] != '=') continue;  // a bare word
    ++i;
    std::string value;
    if (i < n && (tsan_options[i] == '"' || tsan_options[i] == '\'')) {
      const char quote = tsan_options[i++];
      while (i < n && tsan_options[i] != quote) value += tsan_options[i++];
      if (i < n) ++i;
    } else {
      while (i < n && !IsSeparator(tsan_options[i])) {
        value += tsan_options[i++];
      }
    }
    if (name == "suppressions") found = value;
  }
  return found;
}

absl::StatusOr<std::string> ChildSuppressions(absl::string_view user_defaults,
                                              absl::string_view user_env,
                                              absl::string_view extra) {
  std::string user_file = SuppressionsFlag(user_env);
  const char* source = "TSAN_OPTIONS";
  if (user_file.empty()) {
    user_file = SuppressionsFlag(user_defaults);
    source = "__tsan_default_options()";
  }
  std::string text = "# racelab: the MayShare child's suppressions\n";
  if (!user_file.empty()) {
    absl::StatusOr<std::string> user = ReadFile(user_file);
    if (!user.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the suppressions file named in ", source, " (suppressions=",
          user_file, ") cannot be read: ", user.status().message()));
    }
    absl::StrAppend(&text, "# yours, from ", user_file, "\n", *user, "\n");
  }
  absl::StrAppend(&text, "# racelab's\n", kRacelabSuppressions);
  if (!extra.empty()) {
    absl::StrAppend(&text, "# ShareOptions::tsan_suppressions\n", extra, "\n");
  }
  return text;
}

std::string ChildTsanOptions(absl::string_view user_env,
                             absl::string_view suppressions_path) {
  return absl::StrCat(
      user_env, user_env.empty() ? "" : ":",
      "halt_on_error=1:exitcode=66:suppressions=", suppressions_path);
}

std::string BinaryTsanDefaultOptions() {
  if (__tsan_default_options == nullptr) return "";
  const char* options = __tsan_default_options();
  return options == nullptr ? "" : options;
}

}  // namespace racelab::share_internal
