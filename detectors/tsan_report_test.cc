// detectors/tsan_report_test.cc

#include "detectors/tsan_report.h"

#include "absl/strings/str_cat.h"
#include "base/read_file.h"
#include "detectors/testdata.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

// Shaped like a real report of the seed race (addresses and the long
// template names shortened).
constexpr char kReport[] = R"(==================
WARNING: ThreadSanitizer: data race (pid=4242)
  Read of size 8 at 0x7b0c00000010 by thread T2:
    #0 absl::container_internal::raw_hash_set<...>::begin() /src/.cache/deps/abseil-src/absl/container/internal/raw_hash_set.h:1 (racelab+0x1)
    #1 racelab::repro::Params::DeepCopy() /src/repro/params.cc:20:3 (racelab+0x2) (BuildId: 16c036f2)
    #2 racelab::repro::HttpApp::Request() /src/repro/http_app.cc:50:5 (racelab+0x3)
    #3 racelab::repro::HttpApp::Get(absl::string_view) /src/repro/http_app.cc:40 (racelab+0x4)
    #4 racelab::repro::PddClient::Request() /src/repro/pdd_client.cc:25 (racelab+0x5)

  Previous write of size 8 at 0x7b0c00000010 by thread T1:
    #0 operator new(unsigned long) (racelab+0x6)
    #1 std::pair<...> absl::raw_hash_map<racelab::Thing>::try_emplace() /src/x/raw_hash_map.h:9 (racelab+0x7)
    #2 racelab::repro::Params::Set(std::string, std::string) /src/repro/params.cc:12 (racelab+0x8)

  Thread T2 (tid=4245, running) created by main thread at:
    #0 pthread_create (racelab+0x9)
    #1 racelab::RunHammer() /src/load/hammer.cc:1 (racelab+0xa)

SUMMARY: ThreadSanitizer: data race /src/.cache/deps/abseil-src/absl/container/internal/raw_hash_set.h:1 in begin()
==================
ThreadSanitizer: reported 1 warnings
)";

TEST(SummarizeTsanOutputTest, KeepsWarningAccessesRacelabFramesAndSummary) {
  TsanReportSummary summary = SummarizeTsanOutput(kReport, 2);
  EXPECT_EQ(summary.reports, 1);
  EXPECT_TRUE(summary.names_seed_race);
  const std::vector<std::string> expected = {
      "WARNING: ThreadSanitizer: data race (pid=4242)",
      "  Read of size 8 at 0x7b0c00000010 by thread T2:",
      "    #1 racelab::repro::Params::DeepCopy repro/params.cc:20:3",
      "    #2 racelab::repro::HttpApp::Request repro/http_app.cc:50:5",
      "  Previous write of size 8 at 0x7b0c00000010 by thread T1:",
      "    #2 racelab::repro::Params::Set repro/params.cc:12",
      "SUMMARY: ThreadSanitizer: data race internal/raw_hash_set.h:1",
  };
  EXPECT_EQ(summary.key_lines, expected);
}

TEST(SummarizeTsanOutputTest, SeedRaceIsFoundBeyondTheDisplayedFrames) {
  // With no frames displayed, the stacks are still searched for the seed race.
  TsanReportSummary summary = SummarizeTsanOutput(kReport, 0);
  EXPECT_TRUE(summary.names_seed_race);
  EXPECT_EQ(summary.key_lines.size(), 4u);  // warning, 2 headers, summary
}

TEST(SummarizeTsanOutputTest, ARaceElsewhereDoesNotNameTheSeedRace) {
  TsanReportSummary summary = SummarizeTsanOutput(
      "WARNING: ThreadSanitizer: data race (pid=1)\n"
      "  Write of size 4 at 0x1 by thread T1:\n"
      "    #0 racelab::Counter::Add() /src/load/counter.cc:3 (x+0x1)\n");
  EXPECT_EQ(summary.reports, 1);
  EXPECT_FALSE(summary.names_seed_race);
  EXPECT_FALSE(summary.names_shared_client_state);
}

TEST(SummarizeTsanOutputTest, ASiblingRaceOnTheSharedAppIsSharedClientState) {
  // Measured: ~1 in 40 canary runs meet Get()'s write of the method first.
  TsanReportSummary summary = SummarizeTsanOutput(
      "WARNING: ThreadSanitizer: data race (pid=1)\n"
      "  Write of size 3 at 0x1 by thread T2:\n"
      "    #4 racelab::repro::HttpApp::Get(absl::string_view) "
      "/src/repro/http_app.cc:44:16 (x+0x1)\n");
  EXPECT_FALSE(summary.names_seed_race);
  EXPECT_TRUE(summary.names_shared_client_state);
}

TEST(SummarizeTsanOutputTest, ParameterListsAreDropped) {
  const std::string report = absl::StrCat(
      "WARNING: ThreadSanitizer: data race (pid=1)\n"
      "  Write of size 4 at 0x1 by thread T1:\n"
      "    #0 racelab::Fn(",
      std::string(200, 'x'), ") /src/repro/f.cc:3 (x+0x1)\n");
  TsanReportSummary summary = SummarizeTsanOutput(report);
  ASSERT_EQ(summary.key_lines.size(), 3u);
  EXPECT_EQ(summary.key_lines[2], "    #0 racelab::Fn repro/f.cc:3");
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

namespace racelab {
namespace {

// A user's class under MayShare: its frames are kept, the standard
// library's std::invoke frames (whose template arguments name the user's
// types) and abseil's are not.
constexpr char kUserReport[] = R"(WARNING: ThreadSanitizer: data race (pid=7)
  Read of size 8 at 0x7b0c000002c8 by thread T3:
    #0 shop::RetryBudget::Describe() const /src/shop/retry_budget.h:32:46 (t+0x1)
    #1 shop::(anonymous namespace)::BudgetOps()::$_1::operator()(shop::RetryBudget&) const /src/shop/test.cc:50:9 (t+0x2)
    #2 shop::RetryBudget std::__invoke_impl<std::string, shop::RetryBudget&>(shop::RetryBudget&) /usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/bits/invoke.h:61:14 (t+0x3)
    #3 absl::Mutex::Lock() /src/.cache/deps/abseil-src/absl/synchronization/mutex.cc:1 (t+0x4)

  Previous write of size 8 at 0x7b0c000002c8 by thread T2:
    #0 shop::RetryBudget::Refill() /src/shop/retry_budget.h:36:27 (t+0x5)

SUMMARY: ThreadSanitizer: data race /src/shop/retry_budget.h:32:46 in Describe
)";

TEST(SummarizeTsanOutputTest, UserCodeFramesLeaveOutLibraryHeaders) {
  const TsanReportSummary summary =
      SummarizeTsanOutput(kUserReport, 4, FrameFilter::kUserCode);
  std::string joined;
  for (const std::string& line : summary.key_lines) joined += line + "\n";
  EXPECT_NE(joined.find("#0 shop::RetryBudget::Describe shop/retry_budget.h"),
            std::string::npos)
      << joined;
  EXPECT_NE(joined.find("#1 shop::{anon}::BudgetOps()::$_1::operator() "
                        "shop/test.cc:50:9"),
            std::string::npos)
      << joined;
  EXPECT_NE(joined.find("#0 shop::RetryBudget::Refill shop/retry_budget.h"),
            std::string::npos)
      << joined;
  EXPECT_EQ(joined.find("invoke.h"), std::string::npos) << joined;
  EXPECT_EQ(joined.find("mutex.cc"), std::string::npos) << joined;
}

// What clang-14's TSan prints when it finds no llvm-symbolizer (recorded
// with the symbolizer moved away; the BuildIds shortened).
constexpr char kUnsymbolizedReport[] =
    R"(==2428==WARNING: invalid path to external symbolizer!
==2428==WARNING: Failed to use and restart external symbolizer!
==================
WARNING: ThreadSanitizer: data race (pid=2428)
  Write of size 4 at 0x55eba8f036a8 by thread T2:
    #0 <null> <null> (r+0xd43a8) (BuildId: d44115e1)
    #1 <null> <null> (r+0xd4c7a) (BuildId: d44115e1)
    #2 <null> <null> (libstdc++.so.6+0xd44a2) (BuildId: 289ee39f)

  Previous write of size 4 at 0x55eba8f036a8 by thread T1:
    #0 <null> <null> (r+0xd43a8) (BuildId: d44115e1)

  Thread T2 (tid=2433, running) created by main thread at:
    #0 pthread_create <null> (r+0x5340d) (BuildId: d44115e1)

SUMMARY: ThreadSanitizer: data race (/tmp/r+0xd43a8)
==================
)";

TEST(SummarizeTsanOutputTest, AnUnsymbolizedReportLeadsWithTheReason) {
  EXPECT_TRUE(IsUnsymbolizedTsanOutput(kUnsymbolizedReport));
  const TsanReportSummary summary =
      SummarizeTsanOutput(kUnsymbolizedReport, 4, FrameFilter::kUserCode);
  EXPECT_EQ(summary.reports, 1);
  EXPECT_TRUE(summary.unsymbolized);
  ASSERT_FALSE(summary.key_lines.empty());
  EXPECT_EQ(summary.key_lines.front(), kUnsymbolizedReason);
  EXPECT_NE(summary.key_lines.front().find("llvm-symbolizer"),
            std::string::npos);
}

TEST(SummarizeTsanOutputTest, ASymbolizedReportIsNotCalledUnsymbolized) {
  // Some frames of a symbolized report are nameless too (an uninstrumented
  // library): one named frame is enough.
  EXPECT_FALSE(IsUnsymbolizedTsanOutput(kReport));
  EXPECT_FALSE(IsUnsymbolizedTsanOutput(kUserReport));
  EXPECT_FALSE(SummarizeTsanOutput(kReport).unsymbolized);
  const std::string mixed = absl::StrCat(
      "WARNING: ThreadSanitizer: data race (pid=1)\n"
      "  Write of size 4 at 0x1 by thread T2:\n"
      "    #0 <null> <null> (libcurl.so.4+0x1)\n"
      "    #1 shop::Client::Send() /src/shop/client.cc:3 (t+0x2)\n");
  EXPECT_FALSE(IsUnsymbolizedTsanOutput(mixed));
  EXPECT_FALSE(IsUnsymbolizedTsanOutput(""));
  EXPECT_FALSE(IsUnsymbolizedTsanOutput("no report here\n"));
}

}  // namespace
}  // namespace racelab

namespace racelab {
namespace {

std::string Joined(const TsanReportSummary& summary) {
  std::string joined;
  for (const std::string& line : summary.key_lines) joined += line + "\n";
  return joined;
}

// A class in an anonymous namespace of a test file reads a shared
// nlohmann::json with non-const operator[] (recorded:
// testdata/tsan_frames_thirdparty.cc.txt, clang -g). Its frame is named,
// with its line, and nlohmann's frame above it is cut to its name, once
// per access, without taking a user frame's place.
TEST(SummarizeTsanOutputTest, AUsersFrameInAnAnonymousNamespaceIsNamed) {
  const TsanReportSummary summary =
      SummarizeTsanOutput(DetectorsTestdata("tsan_frames_thirdparty.txt"), 2,
                          FrameFilter::kUserCode);
  const std::string joined = Joined(summary);
  EXPECT_NE(joined.find("    #10 {anon}::JsonConfigReader::Get "
                        "samples/thirdparty_test.cc:14:12\n"),
            std::string::npos)
      << joined;
  EXPECT_NE(joined.find("    #9 nlohmann::json_abi_v3_11_2::basic_json<...>::"
                        "operator[] json.hpp:"),
            std::string::npos)
      << joined;
  // Two user frames per access were asked for: Get and the thread's lambda,
  // beside one third-party frame.
  EXPECT_NE(joined.find("#11 main::$_1::operator() "
                        "samples/thirdparty_test.cc:26:30"),
            std::string::npos)
      << joined;
  for (const std::string& line : summary.key_lines) {
    EXPECT_LT(line.size(), 120u) << line;
  }
  EXPECT_FALSE(summary.no_line_numbers);
}

// The same program built without -g: the frames name their functions and
// files but no lines; the summary says so, with the fix.
TEST(SummarizeTsanOutputTest, NoLineNumbersAreSaidWithTheFix) {
  const TsanReportSummary summary = SummarizeTsanOutput(
      DetectorsTestdata("tsan_frames_thirdparty_nodebug.txt"), 4,
      FrameFilter::kUserCode);
  ASSERT_FALSE(summary.key_lines.empty());
  EXPECT_TRUE(summary.no_line_numbers);
  EXPECT_FALSE(summary.unsymbolized);
  EXPECT_EQ(summary.key_lines[0], kNoLineNumbersReason);
  EXPECT_NE(Joined(summary).find("{anon}::JsonConfigReader::Get "
                                 "thirdparty_test.cc\n"),
            std::string::npos)
      << Joined(summary);
}

// The user's frames without lines, racelab's own harness frames (built
// with -g) with theirs: the code under test is what the reader needs to
// find, so the summary still says how to get its lines.
TEST(SummarizeTsanOutputTest, NoLineNumbersAreSaidWhenOnlyTheHarnessHasThem) {
  std::string text = DetectorsTestdata("tsan_frames_thirdparty_nodebug.txt");
  const std::string user_frame = "_M_run() thirdparty_test.cc (";
  size_t at = 0;
  int inserted = 0;
  while ((at = text.find(user_frame, at)) != std::string::npos) {
    at = text.find('\n', at);
    ASSERT_NE(at, std::string::npos);
    text.insert(at + 1,
                "    #9 racelab::share_internal::RunHammerThread(int) "
                "/work/racelab/share/share_child.cc:120:7 (t+0x1234)\n");
    ++inserted;
  }
  ASSERT_GT(inserted, 0);
  const TsanReportSummary summary =
      SummarizeTsanOutput(text, 4, FrameFilter::kUserCode);
  ASSERT_FALSE(summary.key_lines.empty());
  EXPECT_TRUE(summary.no_line_numbers) << Joined(summary);
  EXPECT_EQ(summary.key_lines[0], kNoLineNumbersReason);
}

}  // namespace
}  // namespace racelab
