// harness/tsan_report_test.cc

#include "harness/tsan_report.h"

#include "gtest/gtest.h"

namespace racelab {
namespace {

// Shaped like a real report of the seed race (addresses shortened).
constexpr char kReport[] = R"(==================
WARNING: ThreadSanitizer: data race (pid=4242)
  Read of size 8 at 0x7b0c00000010 by thread T2:
    #0 absl::container_internal::raw_hash_set<...>::begin() raw_hash_set.h:1 (racelab+0x1)
    #1 racelab::repro::Params::DeepCopy() /src/repro/params.cc:20:3 (racelab+0x2)
    #2 racelab::repro::HttpApp::Request() /src/repro/http_app.cc:50:5 (racelab+0x3)
    #3 racelab::repro::HttpApp::Get(std::basic_string_view<char>) /src/repro/http_app.cc:40 (racelab+0x4)
    #4 racelab::repro::PddClient::Request() /src/repro/pdd_client.cc:25 (racelab+0x5)

  Previous write of size 8 at 0x7b0c00000010 by thread T1:
    #0 operator new(unsigned long) (racelab+0x6)
    #1 racelab::repro::Params::Set(std::string, std::string) /src/repro/params.cc:12 (racelab+0x7)

  Thread T2 (tid=4245, running) created by main thread at:
    #0 pthread_create (racelab+0x8)

SUMMARY: ThreadSanitizer: data race raw_hash_set.h:1 in begin()
==================
ThreadSanitizer: reported 1 warnings
)";

TEST(SummarizeTsanOutputTest, KeepsWarningAccessesTopFramesAndSummary) {
  TsanReportSummary summary = SummarizeTsanOutput(kReport, 2);
  EXPECT_EQ(summary.reports, 1);
  EXPECT_TRUE(summary.names_seed_race);
  const std::vector<std::string> expected = {
      "WARNING: ThreadSanitizer: data race (pid=4242)",
      "  Read of size 8 at 0x7b0c00000010 by thread T2:",
      "    #0 absl::container_internal::raw_hash_set<...>::begin() "
      "raw_hash_set.h:1",
      "    #1 racelab::repro::Params::DeepCopy() /src/repro/params.cc:20:3",
      "  Previous write of size 8 at 0x7b0c00000010 by thread T1:",
      "    #0 operator new(unsigned long)",
      "    #1 racelab::repro::Params::Set(std::string, std::string) "
      "/src/repro/params.cc:12",
      "SUMMARY: ThreadSanitizer: data race raw_hash_set.h:1 in begin()",
  };
  EXPECT_EQ(summary.key_lines, expected);
}

TEST(SummarizeTsanOutputTest, FramesBeyondTheLimitDoNotCount) {
  // With one frame per access, neither DeepCopy (#1) nor Set (#1) is kept.
  TsanReportSummary summary = SummarizeTsanOutput(kReport, 1);
  EXPECT_EQ(summary.reports, 1);
  EXPECT_FALSE(summary.names_seed_race);
}

TEST(SummarizeTsanOutputTest, CleanOutputHasNoReport) {
  TsanReportSummary summary =
      SummarizeTsanOutput("racelab hammer: copying\n  requests 10\n");
  EXPECT_EQ(summary.reports, 0);
  EXPECT_TRUE(summary.key_lines.empty());
  EXPECT_FALSE(summary.names_seed_race);
}

}  // namespace
}  // namespace racelab
