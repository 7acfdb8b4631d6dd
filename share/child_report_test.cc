// share/child_report_test.cc: the child's report survives the trip through
// stdout, every field, with other output around it.

#include "share/child_report.h"

#include "gtest/gtest.h"

namespace racelab::share_internal {
namespace {

TEST(ChildReportTest, EveryFieldRoundTrips) {
  ShareChildReport report;
  report.calls = 32000;
  report.wrong = 2;
  report.rounds = 1000;
  report.instances = 515;
  report.examples = {"send (thread 1, call 3): sent another caller's headers"};
  report.hung_in = "Pop (thread 0, call 2)";
  report.scenarios = 30;
  report.histories = 2999;
  report.unexplained = 76;
  report.unknown = 1;
  report.failing_scenario = 4;
  report.failing_scenario_runs = 100;
  // Table rows keep their leading spaces.
  report.explanation = {"prefix (one thread):  Next() -> 0",
                        "      | thread 0     | thread 1",
                        "  #0  | Next() -> 1  | Next() -> 1"};
  report.minimised =
      "prefix: -; thread 0: Next(); thread 1: Next() (failed in 41 of 100 "
      "runs)";
  report.replay_without = {0, 6, 5};
  report.replay_error = "replay_without names call 9";
  report.non_deterministic = "Roll() returned 3 and then 5";
  report.always_throws = "Open threw on every one of its 4 calls";
  report.unknown_example =
      "scenario 7: no order found within 10 replayed calls";
  const std::string text = "[ RUN      ] Some.Test\nnoise\n" +
                           FormatShareChildReport(report) + "more noise\n";
  const absl::StatusOr<ShareChildReport> parsed = ParseShareChildReport(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->calls, 32000);
  EXPECT_EQ(parsed->wrong, 2);
  EXPECT_EQ(parsed->rounds, 1000);
  EXPECT_EQ(parsed->instances, 515);
  EXPECT_EQ(parsed->examples, report.examples);
  EXPECT_EQ(parsed->hung_in, report.hung_in);
  EXPECT_EQ(parsed->scenarios, 30);
  EXPECT_EQ(parsed->histories, 2999);
  EXPECT_EQ(parsed->unexplained, 76);
  EXPECT_EQ(parsed->unknown, 1);
  EXPECT_EQ(parsed->failing_scenario, 4);
  EXPECT_EQ(parsed->failing_scenario_runs, 100);
  EXPECT_EQ(parsed->explanation, report.explanation);
  EXPECT_EQ(parsed->minimised, report.minimised);
  EXPECT_EQ(parsed->replay_without, report.replay_without);
  EXPECT_EQ(parsed->replay_error, report.replay_error);
  EXPECT_EQ(parsed->non_deterministic, report.non_deterministic);
  EXPECT_EQ(parsed->always_throws, report.always_throws);
  EXPECT_EQ(parsed->unknown_example, report.unknown_example);
}

TEST(ChildReportTest, AChildThatDiedFirstPrintedNoReport) {
  EXPECT_EQ(ParseShareChildReport("[ RUN      ] Some.Test\n").status().code(),
            absl::StatusCode::kNotFound);
  // The history line alone is not the report's end.
  EXPECT_FALSE(
      ParseShareChildReport("racelab-share history scenarios=1 histories=2\n")
          .ok());
}

}  // namespace
}  // namespace racelab::share_internal
