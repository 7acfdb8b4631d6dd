// base/enum_table.h
//
// EnumTable: one table per enum, value -> name -> description, from which
// both printing and parsing are derived, so the two can never disagree and
// every error for an unknown word reads the same. Declare it constexpr next
// to the enum:
//
//   inline constexpr EnumTable<Color, 2> kColorTable(
//       "color", {{{Color::kRed, "red", "the colour of stop signs"},
//                  {Color::kBlue, "blue", "the colour of the sky"}}});
//   inline constexpr std::array<Color, 2> kAllColors = kColorTable.Values();
//
// Thread-safe (immutable).

#ifndef RACELAB_BASE_ENUM_TABLE_H_
#define RACELAB_BASE_ENUM_TABLE_H_

#include <array>
#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace racelab {

template <typename Enum>
struct EnumEntry {
  Enum value;
  absl::string_view name;         // stable: reports, flags, JSON
  absl::string_view description;  // one line for help text and reports
};

template <typename Enum, size_t N>
class EnumTable {
 public:
  // `what` names the enum in errors: `unknown <what> "x"; valid: ...`.
  constexpr EnumTable(absl::string_view what,
                      std::array<EnumEntry<Enum>, N> entries)
      : what_(what), entries_(entries) {}

  // The values in table order.
  constexpr std::array<Enum, N> Values() const {
    std::array<Enum, N> values{};
    for (size_t i = 0; i < N; ++i) values[i] = entries_[i].value;
    return values;
  }

  // "invalid" for a value not in the table.
  constexpr absl::string_view Name(Enum value) const {
    for (const EnumEntry<Enum>& entry : entries_) {
      if (entry.value == value) return entry.name;
    }
    return "invalid";
  }

  constexpr absl::string_view Description(Enum value) const {
    for (const EnumEntry<Enum>& entry : entries_) {
      if (entry.value == value) return entry.description;
    }
    return "invalid";
  }

  // The value named `name`, or InvalidArgument:
  // `unknown <what> "<name>"; valid: a, b, c`.
  absl::StatusOr<Enum> Parse(absl::string_view name) const {
    std::string valid;
    for (const EnumEntry<Enum>& entry : entries_) {
      if (entry.name == name) return entry.value;
      absl::StrAppend(&valid, valid.empty() ? "" : ", ", entry.name);
    }
    return absl::InvalidArgumentError(
        absl::StrCat("unknown ", what_, " \"", name, "\"; valid: ", valid));
  }

 private:
  absl::string_view what_;
  std::array<EnumEntry<Enum>, N> entries_;
};

}  // namespace racelab

#endif  // RACELAB_BASE_ENUM_TABLE_H_
