// harness/named_enum.h
//
// ParseByName(): the one way racelab turns a user's word into an enum value
// (variant, detector, race point), with the same error everywhere.

#ifndef RACELAB_HARNESS_NAMED_ENUM_H_
#define RACELAB_HARNESS_NAMED_ENUM_H_

#include <array>
#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace racelab {

// Returns the value among `all` whose name_of() is `name`, or
// InvalidArgument: `unknown <what> "<name>"; valid: a, b, c`. Thread-safe.
template <typename Enum, size_t N>
absl::StatusOr<Enum> ParseByName(absl::string_view name,
                                 const std::array<Enum, N>& all,
                                 absl::string_view (*name_of)(Enum),
                                 absl::string_view what) {
  for (Enum value : all) {
    if (name_of(value) == name) return value;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown ", what, " \"", name, "\"; valid: ",
      absl::StrJoin(all, ", ", [name_of](std::string* out, Enum value) {
        absl::StrAppend(out, name_of(value));
      })));
}

}  // namespace racelab

#endif  // RACELAB_HARNESS_NAMED_ENUM_H_
