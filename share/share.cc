// share/share.cc
//
// racelab::MayShare() / IsReportedRacy() (include/racelab/share.h): the
// parent side. The check re-runs the current test in a child process of the
// test binary (--gtest_filter=<this test>, RACELAB_SHARE_CHILD=<this
// check>), where the same call runs the hammer (share_child.h) instead; the
// parent judges the child by what it printed (detectors/evidence.h).

#include "racelab/share.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/build_info.h"
#include "base/child_process.h"
#include "detectors/evidence.h"
#include "detectors/tsan_report.h"
#include "share/check_evidence.h"
#include "share/child_tsan_options.h"
#include "share/history/scenario_steps.h"
#include "share/share_child.h"

namespace racelab::share_internal {
namespace {

constexpr char kChildVariable[] = "RACELAB_SHARE_CHILD";
constexpr char kSeedVariable[] = "RACELAB_SEED";

// "Suite.Name#k": the k-th check in the running test, so a test may hold
// several checks and the child runs exactly one of them.
std::string CheckId() {
  static std::string last_test;
  static int count = 0;
  const ::testing::TestInfo* info =
      ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string test =
      info == nullptr
          ? "(no test)"
          : absl::StrCat(info->test_suite_name(), ".", info->name());
  if (test != last_test) {
    last_test = test;
    count = 0;
  }
  return absl::StrCat(test, "#", ++count);
}

std::string Validate(const Subject& subject, const ShareOptions& options) {
  if (!subject.make) {
    return "no factory given, and the class is not default-constructible: "
           "call .Factory([] { return std::make_unique<T>(...); })";
  }
  if (subject.operations.empty()) return "no operations given";
  if (options.threads < 2 || options.threads > 64) {
    return absl::StrCat("threads must be 2..64, got ", options.threads);
  }
  if (options.rounds < 1) return "rounds must be >= 1";
  if (options.calls_per_thread < 1) return "calls_per_thread must be >= 1";
  if (options.deadline_ms < 100) return "deadline_ms must be >= 100";
  for (const auto& [name, run] : subject.operations) {
    if (!run) return absl::StrCat("operation \"", name, "\" is empty");
  }
  if (options.scenarios < 0 || options.scenarios > 1000) {
    return absl::StrCat("scenarios must be 0..1000, got ", options.scenarios);
  }
  if (options.invocations < 1 || options.invocations > 100000) {
    return absl::StrCat("invocations must be 1..100000, got ",
                        options.invocations);
  }
  if (options.scenario_threads < 2 || options.scenario_threads > 3) {
    return absl::StrCat("scenario_threads must be 2..3, got ",
                        options.scenario_threads);
  }
  if (options.scenario_calls < 1 || options.scenario_calls > 5) {
    return absl::StrCat("scenario_calls must be 1..5, got ",
                        options.scenario_calls);
  }
  if (options.scenario_prefix < 0 || options.scenario_prefix > 5 ||
      options.scenario_suffix < 0 || options.scenario_suffix > 5) {
    return absl::StrCat(
        "scenario_prefix and scenario_suffix must be 0..5, "
        "got ",
        options.scenario_prefix, " and ", options.scenario_suffix);
  }
  if (options.history_ms < 1) return "history_ms must be >= 1";
  if (options.search_budget < 1) return "search_budget must be >= 1";
  if (options.replay_scenario < -1 || options.replay_scenario > 999) {
    return absl::StrCat("replay_scenario must be -1 (none) or 0..999, got ",
                        options.replay_scenario);
  }
  if (options.replay_scenario < 0 && !options.replay_steps.empty()) {
    return "replay_steps goes with replay_scenario";
  }
  if (const absl::Status steps = ParseSteps(options.replay_steps).status();
      !steps.ok()) {
    return absl::StrCat("replay_steps: ", steps.message());
  }
  if (options.replay_scenario >= 0 && options.seed == 0) {
    return "replay_scenario needs the failure's seed in ShareOptions::seed";
  }
  return "";
}

uint64_t ChooseSeed(const ShareOptions& options) {
  if (options.seed != 0) return options.seed;
  uint64_t seed = 0;
  if (const char* text = getenv(kSeedVariable);
      text != nullptr && absl::SimpleAtoi(text, &seed) && seed != 0) {
    return seed;
  }
  return std::random_device()() | 1;
}

// Writes the child's suppressions file; its path, or an error.
absl::StatusOr<std::string> WriteSuppressions(const std::string& text) {
  char path[] = "/tmp/racelab-share-XXXXXX.supp";
  const int fd = mkstemps(path, 5);
  if (fd < 0) {
    return absl::ErrnoToStatus(errno,
                               "cannot create a suppressions file "
                               "in /tmp for the child");
  }
  const ssize_t written = write(fd, text.data(), text.size());
  const int write_errno = errno;
  close(fd);
  if (written != static_cast<ssize_t>(text.size())) {
    unlink(path);
    return absl::ErrnoToStatus(write_errno,
                               absl::StrCat("cannot write ", path));
  }
  return std::string(path);
}

}  // namespace

::testing::AssertionResult Check(const Subject& subject,
                                 const ShareOptions& options,
                                 Expectation expectation) {
  Evidence evidence;
  return CheckWithEvidence(subject, options, expectation, &evidence);
}

::testing::AssertionResult CheckWithEvidence(const Subject& subject,
                                             const ShareOptions& options,
                                             Expectation expectation,
                                             Evidence* judged) {
  judged->kind = EvidenceKind::kFailedExit;
  judged->how = "no child process ran the check";
  const std::string id = CheckId();
  if (const char* child = getenv(kChildVariable); child != nullptr) {
    if (id != child) return ::testing::AssertionSuccess();  // another check
    uint64_t seed = 0;
    const char* seed_text = getenv(kSeedVariable);
    if (seed_text == nullptr || !absl::SimpleAtoi(seed_text, &seed)) seed = 1;
    std::fflush(stdout);
    _exit(RunShareChild(subject, options, seed,
                        [] { return ::testing::Test::HasFailure(); }));
  }
  if (const std::string invalid = Validate(subject, options);
      !invalid.empty()) {
    return ::testing::AssertionFailure() << "racelab: " << invalid;
  }
  const uint64_t seed = ChooseSeed(options);
  absl::StatusOr<std::string> self = SelfExecutablePath();
  if (!self.ok()) return ::testing::AssertionFailure() << self.status();
  const ::testing::TestInfo* info =
      ::testing::UnitTest::GetInstance()->current_test_info();
  // The user's own TSAN_OPTIONS, kept under racelab's (child_tsan_options.h).
  const char* env = getenv("TSAN_OPTIONS");
  const std::string user_env = env == nullptr ? "" : env;
  absl::StatusOr<std::string> suppressions_text = ChildSuppressions(
      BinaryTsanDefaultOptions(), user_env, options.tsan_suppressions);
  if (!suppressions_text.ok()) {
    return ::testing::AssertionFailure()
           << "racelab: " << suppressions_text.status().message();
  }
  absl::StatusOr<std::string> suppressions =
      WriteSuppressions(*suppressions_text);
  if (!suppressions.ok()) {
    return ::testing::AssertionFailure()
           << "racelab: " << suppressions.status().message();
  }
  absl::StatusOr<ChildResult> child =
      RunChild({*self,
                absl::StrCat("--gtest_filter=", info->test_suite_name(), ".",
                             info->name()),
                "--gtest_color=no",
                // The check may sit in a DISABLED_ test run on demand.
                "--gtest_also_run_disabled_tests"},
               // The child's watchdogs name a hang after half the deadline
               // without progress; the kill is the last resort. The history
               // phase may take up to three budgets (twice while a failing
               // scenario finishes its runs, once more to minimise it) and
               // one more run in flight, slowed by a loaded machine.
               absl::Milliseconds(options.deadline_ms) * 3 / 2 +
                   (subject.recorded.empty() || options.scenarios == 0
                        ? absl::ZeroDuration()
                        : absl::Milliseconds(options.history_ms) * 3 +
                              absl::Milliseconds(options.deadline_ms)),
               nullptr, "",
               {absl::StrCat(kChildVariable, "=", id),
                absl::StrCat(kSeedVariable, "=", seed),
                // The parent may be one of GoogleTest's shards
                // (GTEST_TOTAL_SHARDS); the child must run its one test.
                "GTEST_TOTAL_SHARDS=1", "GTEST_SHARD_INDEX=0",
                absl::StrCat("TSAN_OPTIONS=",
                             ChildTsanOptions(user_env, *suppressions))});
  unlink(suppressions->c_str());
  if (!child.ok()) return ::testing::AssertionFailure() << child.status();

  const absl::StatusOr<ShareChildReport> report =
      ParseShareChildReport(child->stdout_text);
  ResultCounts counts;
  if (report.ok()) counts = {report->calls, report->wrong};
  Evidence evidence = ClassifyRun(*child, counts);
  if (!report.ok() && evidence.kind == EvidenceKind::kClean) {
    // Exit 0 without a report: the child never reached this check (it ran
    // no test, or another one). Never a pass.
    evidence.kind = EvidenceKind::kFailedExit;
    evidence.how = absl::StrCat(
        "the child process ended cleanly without running the check (",
        child->Describe(), ", no report): is the test filtered out?");
  }
  if (report.ok() && !report->hung_in.empty() &&
      (evidence.kind == EvidenceKind::kFailedExit ||
       evidence.kind == EvidenceKind::kHang)) {
    // The child's own watchdog found no progress and named the operation.
    evidence.kind = EvidenceKind::kHang;
    evidence.how = absl::StrCat("hang: stuck in ", report->hung_in);
  }
  const HistoryOutcome history =
      report.ok() ? report->history : HistoryOutcome();
  if (report.ok() && evidence.kind == EvidenceKind::kFailedExit &&
      history.failing_unexplained > 0) {
    evidence.kind = EvidenceKind::kNotLinearizable;
    evidence.how = absl::StrCat(
        "not linearizable: ", history.failing_unexplained, " of ",
        history.failing_runs, " runs of scenario ", history.failing_scenario,
        " gave results that no one-at-a-time order of the same calls gives "
        "(a race condition; with every access locked, ThreadSanitizer sees "
        "none)");
  } else if (report.ok() && evidence.kind == EvidenceKind::kFailedExit &&
             !history.non_deterministic.empty()) {
    evidence.how = absl::StrCat(
        "cannot check histories: the operations are non-deterministic: ",
        history.non_deterministic,
        ". Return a projection that leaves the varying part out "
        "(racelab/operations.h), or leave the operation out");
  } else if (report.ok() && evidence.kind == EvidenceKind::kFailedExit &&
             !history.replay_error.empty()) {
    evidence.how = absl::StrCat("cannot replay: ", history.replay_error);
  } else if (report.ok() && evidence.kind == EvidenceKind::kFailedExit &&
             !history.always_throws.empty()) {
    evidence.how = absl::StrCat(
        "cannot check histories: ", history.always_throws,
        ". Check its arguments' generators and the factory: an operation "
        "that never returns tells nothing about sharing");
  }
  *judged = evidence;
  const std::string replay = absl::StrCat(
      " [seed ", seed, "; replay racelab's choices with ", kSeedVariable, "=",
      seed, " (the OS scheduler is not replayed)]");

  // What happened, in a few lines.
  std::string details;
  if (report.ok()) {
    if (!report->factory_failure.empty()) {
      absl::StrAppend(&details,
                      "\n  the factory failed: ", report->factory_failure);
    }
    if (!report->hung_in.empty()) {
      absl::StrAppend(&details, "\n  hung in ", report->hung_in);
    }
    for (const std::string& example : report->examples) {
      absl::StrAppend(&details, "\n  wrong: ", example);
    }
    for (const std::string& line : history.explanation) {
      absl::StrAppend(&details, "\n    ", line);
    }
    if (!history.minimised.empty()) {
      absl::StrAppend(&details, "\n  minimised: ", history.minimised);
    }
    if (history.failing_scenario >= 0) {
      absl::StrAppend(
          &details,
          "\n  replay it in a test (the OS scheduler is not replayed: it "
          "fails in a share of the runs, as above):\n"
          "    racelab::ShareOptions options;\n    options.seed = ",
          seed, ";\n    options.replay_scenario = ", history.failing_scenario,
          ";\n",
          history.replay_steps.empty()
              ? ""
              : absl::StrCat("    options.replay_steps = \"",
                             history.replay_steps, "\";\n"),
          "    EXPECT_TRUE(racelab::IsReportedRacy(operations, options));");
    }
  }
  // gtest's own failure lines, from EXPECTs inside operations.
  int failure_lines = 0;
  for (absl::string_view line : absl::StrSplit(child->stdout_text, '\n')) {
    if (failure_lines >= 6 || absl::StartsWith(line, "[")) {
      if (failure_lines > 0) failure_lines = 6;
      continue;
    }
    if (absl::StrContains(line, ": Failure") || failure_lines > 0) {
      absl::StrAppend(&details, "\n  | ", line);
      ++failure_lines;
    }
  }
  const TsanReportSummary tsan =
      SummarizeTsanOutput(child->stderr_text, 4, FrameFilter::kUserCode);
  for (const std::string& line : tsan.key_lines) {
    absl::StrAppend(&details, "\n  ", line);
  }

  if (report.ok() && !report->single_thread_failure.empty()) {
    return ::testing::AssertionFailure()
           << "racelab: fails without concurrency (one thread alone): "
           << report->single_thread_failure << details << replay;
  }
  if (report.ok() && !report->factory_failure.empty()) {
    return ::testing::AssertionFailure()
           << "racelab: cannot test: the factory failed" << details << replay;
  }
  std::string ran =
      report.ok() ? absl::StrCat(report->calls, " calls in ", report->rounds,
                                 " rounds of ", options.threads, " threads on ",
                                 report->instances, " instances")
                  : "the child ended before its report";
  if (report.ok() && history.histories > 0) {
    absl::StrAppend(&ran, "; ", history.histories, " histories of ",
                    history.scenarios,
                    " scenarios checked against the class itself");
    if (subject.copy_state != nullptr) {
      absl::StrAppend(&ran,
                      " (the class is copyable with ==: the search "
                      "skipped ",
                      history.states_pruned,
                      " states equal to ones it had searched)");
    }
    if (history.unknown > 0) {
      absl::StrAppend(&ran, " (", history.unknown,
                      " unknown: the search ran out of budget; ",
                      history.unknown_example, ")");
    }
  }
  const std::string watching =
      IsTsanBuild() ? ""
      : subject.recorded.empty()
          ? " (no ThreadSanitizer in this build: only wrong "
            "results, crashes and hangs can be seen)"
          : " (no ThreadSanitizer in this build: only wrong "
            "results, histories no order explains, crashes "
            "and hangs can be seen)";
  if (expectation == Expectation::kShareable) {
    if (evidence.kind == EvidenceKind::kClean) {
      return ::testing::AssertionSuccess()
             << "racelab: may be shared: " << ran << watching;
    }
    return ::testing::AssertionFailure()
           << "racelab: one instance may NOT be shared: " << evidence.how
           << details << replay;
  }
  // kReportedRacy: a detector's report, wrong results, or a history no
  // order explains.
  if (evidence.kind == EvidenceKind::kTsanReport ||
      evidence.kind == EvidenceKind::kWrongResults ||
      evidence.kind == EvidenceKind::kNotLinearizable) {
    return ::testing::AssertionSuccess()
           << "racelab: caught as expected: " << evidence.how << replay;
  }
  return ::testing::AssertionFailure()
         << "racelab: expected this class to be reported, but: " << evidence.how
         << " (" << ran << ")" << watching << details << replay;
}

}  // namespace racelab::share_internal

namespace racelab {

bool ThreadSanitizerActive() { return IsTsanBuild(); }

}  // namespace racelab
