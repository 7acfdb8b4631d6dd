// share/child/report_test.cc: the child's report survives the trip through
// stdout, every field, with other output around it.

#include "share/child/report.h"

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
  HistoryOutcome& history = report.history;
  history.scenarios = 30;
  history.histories = 2999;
  history.unknown = 1;
  history.states_pruned = 12;
  history.unknown_example =
      "scenario 7: no order found within 10 replayed calls";
  history.failing_scenario = 4;
  history.failing_runs = 100;
  history.failing_unexplained = 76;
  // Table rows keep their leading spaces.
  history.explanation = {"prefix (one thread):  Next() -> 0",
                         "      | thread 0     | thread 1",
                         "  #0  | Next() -> 1  | Next() -> 1"};
  history.minimised =
      "prefix: -; thread 0: Next(); thread 1: Next() (failed in 41 of 100 "
      "runs)";
  history.replay_steps = "drop 0, prefix 2, simpler 1.0";
  history.replay_error = "replay_steps: drop 9, but scenario 0 has 8 calls";
  history.non_deterministic = "Roll() returned 3 and then 5";
  history.always_throws = "Open threw on every one of its 4 calls";
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
  const HistoryOutcome& back = parsed->history;
  EXPECT_EQ(back.scenarios, 30);
  EXPECT_EQ(back.histories, 2999);
  EXPECT_EQ(back.unknown, 1);
  EXPECT_EQ(back.states_pruned, 12);
  EXPECT_EQ(back.unknown_example, history.unknown_example);
  EXPECT_EQ(back.failing_scenario, 4);
  EXPECT_EQ(back.failing_runs, 100);
  EXPECT_EQ(back.failing_unexplained, 76);
  EXPECT_EQ(back.explanation, history.explanation);
  EXPECT_EQ(back.minimised, history.minimised);
  EXPECT_EQ(back.replay_steps, history.replay_steps);
  EXPECT_EQ(back.replay_error, history.replay_error);
  EXPECT_EQ(back.non_deterministic, history.non_deterministic);
  EXPECT_EQ(back.always_throws, history.always_throws);
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
