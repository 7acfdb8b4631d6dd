// variants/result_line_test.cc

#include "variants/result_line.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

TEST(HammerResultLineTest, RoundTrips) {
  HammerReport report;
  report.counts = {90, 4, 3, 2, 1, 0};
  report.requests = 100;
  report.wall = absl::Microseconds(1234);
  const std::string line = HammerResultLine(Variant::kLocked, report);
  EXPECT_EQ(line,
            "racelab-result variant=locked requests=100 ok=90 wrong_item=4 "
            "sign_rejected=3 missing_params=2 other_error=1 exception=0 "
            "wall_us=1234");
  absl::StatusOr<HammerReport> parsed =
      ParseHammerResultLine(absl::StrCat("noise\n", line, "\nmore\n"));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->counts, report.counts);
  EXPECT_EQ(parsed->requests, 100);
  EXPECT_EQ(parsed->wall, absl::Microseconds(1234));
}

TEST(HammerResultBlockTest, ExamplesTravelWithTheResultLine) {
  HammerReport report;
  report.counts = {1, 1, 0, 0, 0, 0};
  report.requests = 2;
  report.examples = {"wrong_item: asked for A, got B"};
  absl::StatusOr<HammerReport> parsed = ParseHammerResultLine(
      absl::StrCat("racelab hammer: shared_unsafe\n",
                   HammerResultBlock(Variant::kSharedUnsafe, report)));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->examples, report.examples);
  EXPECT_EQ(parsed->wrong(), 1);
}

TEST(ParseHammerResultLineTest, MissingOrMalformedLineIsAnError) {
  EXPECT_EQ(ParseHammerResultLine("the child died\n").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(
      ParseHammerResultLine("racelab-result requests=x\n").status().code(),
      absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace racelab
