// detectors/evidence_test.cc
//
// The classifier against output produced LIVE by small programs that cause
// each outcome (evidence_sample), by racelab's own tool, and against real
// samples of the buggy hammer's deaths under TSan kept in detectors/testdata/
// (recorded from `racelab hammer --variant=shared_unsafe --iterations=2000`
// at 8 and 16 threads): a TSan SEGV, a TSan CHECK failure (alone, then
// followed by an abort, then by a report) and an abseil assertion abort.
// Most exit 66 exactly as a report does; only one of them is a report.

#include "detectors/evidence.h"

#include <csignal>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/child_process.h"
#include "base/read_file.h"
#include "detectors/testdata.h"
#include "experiments/verdict.h"
#include "gtest/gtest.h"

namespace racelab {
namespace {

ChildResult Sample(const char* mode,
                   absl::Duration timeout = absl::Seconds(60)) {
  absl::StatusOr<ChildResult> child =
      RunChild({EVIDENCE_SAMPLE_TOOL_PATH, mode}, timeout);
  EXPECT_TRUE(child.ok()) << child.status();
  return child.value_or(ChildResult{});
}

std::string Explain(const ChildResult& child, const Evidence& evidence) {
  return absl::StrCat("classified ", EvidenceKindName(evidence.kind), " (",
                      evidence.how, "); process: ", child.Describe(),
                      "\nstderr:\n", child.stderr_text);
}

TEST(EvidenceLiveTest, ARaceIsATsanReportOnlyUnderTsan) {
  const ChildResult child = Sample("race");
  const Evidence evidence = ClassifyRun(child);
  if (IsTsanBuild()) {
    EXPECT_EQ(evidence.kind, EvidenceKind::kTsanReport)
        << Explain(child, evidence);
    EXPECT_EQ(evidence.report_kind, "data race") << Explain(child, evidence);
    EXPECT_EQ(evidence.how, "TSan report: data race");
    EXPECT_TRUE(ProvesDetectorAlive(evidence.kind));
  } else {
    // Nothing watches a native build: the race goes unseen.
    EXPECT_EQ(evidence.kind, EvidenceKind::kClean) << Explain(child, evidence);
  }
}

TEST(EvidenceLiveTest, OtherTsanReportKindsAreNamedAsWhatTheyAre) {
  if (!IsTsanBuild()) GTEST_SKIP() << "needs the TSan build";
  const struct {
    const char* mode;
    const char* report_kind;
  } cases[] = {
      {"use_after_free", "heap-use-after-free"},
      {"lock_order", "lock-order-inversion (potential deadlock)"},
  };
  for (const auto& c : cases) {
    const ChildResult child = Sample(c.mode);
    const Evidence evidence = ClassifyRun(child);
    EXPECT_EQ(evidence.kind, EvidenceKind::kTsanReport)
        << c.mode << ": " << Explain(child, evidence);
    EXPECT_EQ(evidence.report_kind, c.report_kind)
        << c.mode << ": " << Explain(child, evidence);
  }
}

TEST(EvidenceLiveTest, ASegfaultUnderTsanIsATsanCrashNotAReport) {
  const ChildResult child = Sample("segv");
  const Evidence evidence = ClassifyRun(child);
  if (IsTsanBuild()) {
    // Exit 66, exactly like a report: only the text tells them apart.
    EXPECT_TRUE(child.exited && child.exit_code == 66) << child.Describe();
    EXPECT_EQ(evidence.kind, EvidenceKind::kTsanCrash)
        << Explain(child, evidence);
    EXPECT_TRUE(
        absl::StartsWith(evidence.how, "TSan crash: SEGV on unknown address"))
        << evidence.how;
    EXPECT_FALSE(ProvesDetectorAlive(evidence.kind));
    EXPECT_TRUE(ShowsTheBug(evidence.kind));
  } else {
    EXPECT_EQ(evidence.kind, EvidenceKind::kCrash) << Explain(child, evidence);
    EXPECT_EQ(child.term_signal, SIGSEGV);
    EXPECT_TRUE(absl::StartsWith(evidence.how, "crash: signal 11"))
        << evidence.how;
  }
}

TEST(EvidenceLiveTest, AFailedAssertIsAnAbortNamingTheAssertion) {
  const ChildResult child = Sample("abort");
  const Evidence evidence = ClassifyRun(child);
  EXPECT_EQ(evidence.kind, EvidenceKind::kAbort) << Explain(child, evidence);
  EXPECT_TRUE(absl::StrContains(evidence.how, "table_intact")) << evidence.how;
  EXPECT_TRUE(absl::StrContains(evidence.how, "evidence_sample.cc"))
      << evidence.how;
}

TEST(EvidenceLiveTest, AHangIsAHang) {
  const ChildResult child = Sample("hang", absl::Milliseconds(300));
  const Evidence evidence = ClassifyRun(child);
  EXPECT_EQ(evidence.kind, EvidenceKind::kHang) << Explain(child, evidence);
  EXPECT_TRUE(absl::StartsWith(evidence.how, "hang: killed after"))
      << evidence.how;
}

TEST(EvidenceLiveTest, ALostUpdateIsWrongResultsAndNoReport) {
  const ChildResult child = Sample("lost_update");
  ASSERT_TRUE(child.exited) << child.Describe();
  // "evidence-sample requests=2 wrong=1 balance=1"
  const size_t at = child.stdout_text.find("wrong=");
  ASSERT_NE(at, std::string::npos) << child.stdout_text;
  int64_t wrong = -1;
  ASSERT_TRUE(
      absl::SimpleAtoi(child.stdout_text.substr(
                           at + 6, child.stdout_text.find(' ', at) - at - 6),
                       &wrong))
      << child.stdout_text;
  const Evidence evidence = ClassifyRun(child, {.requests = 2, .wrong = wrong});
  EXPECT_EQ(evidence.kind, EvidenceKind::kWrongResults)
      << Explain(child, evidence);
  EXPECT_EQ(evidence.how, "wrong results: 1 of 2 requests");
}

TEST(EvidenceLiveTest, ACleanRunIsClean) {
  const ChildResult child = Sample("clean");
  const Evidence evidence = ClassifyRun(child, {.requests = 0, .wrong = 0});
  EXPECT_EQ(evidence.kind, EvidenceKind::kClean) << Explain(child, evidence);
  EXPECT_FALSE(ShowsTheBug(evidence.kind));
}

TEST(EvidenceLiveTest, TheSeedForcedBySpinIsAReportForcedByMutexWrongResults) {
  // racelab's own exhibit, forced into the seed's interleaving: with spin
  // forcing TSan must report it; with mutex forcing it is race-free and
  // deterministically wrong in every build.
  for (const char* forcing : {"spin", "mutex"}) {
    absl::StatusOr<ChildResult> child =
        RunChild({RACELAB_TOOL_PATH, "hammer", "--variant=shared_unsafe",
                  "--threads=2", "--iterations=1", "--schedule=seed",
                  absl::StrCat("--forcing=", forcing)},
                 absl::Seconds(60));
    ASSERT_TRUE(child.ok()) << child.status();
    absl::StatusOr<HammerReport> report =
        ParseHammerResultLine(child->stdout_text);
    ResultCounts results;
    if (report.ok()) results = {report->requests, report->wrong()};
    const Evidence evidence = ClassifyRun(*child, results);
    if (IsTsanBuild() && absl::string_view(forcing) == "spin") {
      EXPECT_EQ(evidence.how, "TSan report: data race")
          << Explain(*child, evidence);
    } else if (absl::string_view(forcing) == "mutex") {
      EXPECT_EQ(evidence.how, "wrong results: 2 of 2 requests")
          << Explain(*child, evidence);
    }
  }
}

// A finished child: exited with `code`, or (signal > 0) killed by it.
ChildResult Ended(int code, int signal, std::string stderr_text) {
  ChildResult child;
  child.exited = signal == 0;
  child.exit_code = code;
  child.term_signal = signal;
  child.stderr_text = std::move(stderr_text);
  return child;
}

ChildResult Exited(int code, std::string stderr_text) {
  return Ended(code, 0, std::move(stderr_text));
}

ChildResult Signalled(int signal, std::string stderr_text) {
  return Ended(-1, signal, std::move(stderr_text));
}

TEST(EvidenceSampleTest, EveryRecordedEndOfTheBuggyHammerIsNamedForWhatItWas) {
  const struct {
    const char* file;
    int exit_code;  // or -1: killed by `signal`
    int signal;
    EvidenceKind kind;
    const char* how;
  } recorded[] = {
      // Exit 66, exactly as a report: TSan's SEGV handler.
      {"hammer_tsan_segv.txt", 66, 0, EvidenceKind::kTsanCrash,
       "TSan crash: SEGV on unknown address (basic_string.h:234:28)"},
      {"hammer_tsan_check_failed.txt", 66, 0, EvidenceKind::kTsanCrash,
       "TSan crash: CHECK failed at sanitizer_allocator_secondary.h:297"},
      {"hammer_tsan_check_failed_then_abort.txt", -1, SIGABRT,
       EvidenceKind::kTsanCrash,
       "TSan crash: CHECK failed at sanitizer_allocator_secondary.h:297"},
      {"hammer_raw_hash_set_abort.txt", -1, SIGABRT, EvidenceKind::kAbort,
       "abort: raw_hash_set.h:2208: Assertion `seq.index() <= capacity_ && "
       "\"full table!\"' failed."},
      // TSan printed a report after all: the detector is alive.
      {"hammer_tsan_check_failed_then_report.txt", 66, 0,
       EvidenceKind::kTsanReport, "TSan report: data race"},
      {"hammer_tsan_data_race.txt", 66, 0, EvidenceKind::kTsanReport,
       "TSan report: data race"},
  };
  for (const auto& r : recorded) {
    const Evidence evidence =
        ClassifyRun(Ended(r.exit_code, r.signal, DetectorsTestdata(r.file)));
    EXPECT_EQ(evidence.kind, r.kind) << r.file;
    EXPECT_EQ(evidence.how, r.how) << r.file;
  }
}

TEST(EvidenceSampleTest, AReportWinsOverTheCrashThatFollowsIt) {
  // Another thread may die while the report is being printed.
  const Evidence evidence = ClassifyRun(Signalled(
      SIGSEGV, absl::StrCat(DetectorsTestdata("hammer_tsan_data_race.txt"),
                            "ThreadSanitizer:DEADLYSIGNAL\n")));
  EXPECT_EQ(evidence.kind, EvidenceKind::kTsanReport);
}

TEST(EvidenceSampleTest, GuardAndValgrindReportsAreNamed) {
  const Evidence guard = ClassifyRun(Signalled(
      SIGABRT,
      "fatal error: concurrent map iteration and map write\n\ngoroutine 2\n"));
  EXPECT_EQ(guard.kind, EvidenceKind::kGuardReport);
  EXPECT_EQ(
      guard.how,
      "guard report: fatal error: concurrent map iteration and map write");
  const Evidence handle = ClassifyRun(Signalled(
      SIGABRT,
      "fatal error: concurrent CURL easy handle use\n\nthread 7 [noticed "
      "it]:\n"));
  EXPECT_EQ(handle.kind, EvidenceKind::kGuardReport);
  EXPECT_EQ(handle.report_kind, "concurrent CURL easy handle use");
  const Evidence drd = ClassifyRun(
      Exited(9,
             "==12== Thread 3:\n==12== Conflicting store by thread 3 at "
             "0x1 size 8\n==12==    at 0x4: racelab::repro::Params::Set\n"));
  EXPECT_EQ(drd.kind, EvidenceKind::kValgrindReport);
  EXPECT_EQ(drd.how,
            "Valgrind report: Conflicting store by thread 3 at 0x1 size 8");
}

TEST(EvidenceSampleTest, NamesRoundTrip) {
  for (EvidenceKind kind : kAllEvidenceKinds) {
    EXPECT_EQ(*ParseEvidenceKind(EvidenceKindName(kind)), kind);
  }
  EXPECT_FALSE(ParseEvidenceKind("luck").ok());
}

}  // namespace
}  // namespace racelab
