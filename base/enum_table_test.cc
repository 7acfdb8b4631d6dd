// base/enum_table_test.cc

#include "base/enum_table.h"

#include "gtest/gtest.h"

namespace racelab {
namespace {

enum class Color { kRed, kBlue };
constexpr EnumTable<Color, 2> kColorTable("color",
                                          {{{Color::kRed, "red", "stop"},
                                            {Color::kBlue, "blue", "sky"}}});

TEST(EnumTableTest, NamesDescriptionsAndValuesComeFromTheOneTable) {
  static_assert(kColorTable.Name(Color::kBlue) == "blue");
  static_assert(kColorTable.Values()[0] == Color::kRed);
  EXPECT_EQ(kColorTable.Description(Color::kRed), "stop");
  EXPECT_EQ(kColorTable.Name(static_cast<Color>(7)), "invalid");
}

TEST(EnumTableTest, ParsingRoundTripsAndAnUnknownWordListsTheValid) {
  for (Color color : kColorTable.Values()) {
    EXPECT_EQ(*kColorTable.Parse(kColorTable.Name(color)), color);
  }
  const absl::StatusOr<Color> green = kColorTable.Parse("green");
  ASSERT_FALSE(green.ok());
  EXPECT_EQ(green.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(green.status().message(),
            "unknown color \"green\"; valid: red, blue");
}

}  // namespace
}  // namespace racelab
