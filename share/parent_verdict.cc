// share/parent_verdict.cc

#include "share/parent_verdict.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/build_info.h"
#include "detectors/tsan_report.h"

namespace racelab::share_internal {

Evidence JudgeChild(const ChildResult& child,
                    const absl::StatusOr<ShareChildReport>& report) {
  ResultCounts counts;
  if (report.ok()) counts = {report->calls, report->wrong};
  Evidence evidence = ClassifyRun(child, counts);
  if (!report.ok() && evidence.kind == EvidenceKind::kClean) {
    // Exit 0 without a report: the child never reached this check (it ran
    // no test, or another one). Never a pass.
    evidence.kind = EvidenceKind::kFailedExit;
    evidence.how = absl::StrCat(
        "the child process ended cleanly without running the check (",
        child.Describe(), ", no report): is the test filtered out?");
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
        " gave results that no one-at-a-time order of the same calls gives ",
        IsTsanBuild()
            ? "(a race condition: ThreadSanitizer saw no data race while "
              "the hammer ran these operations in parallel, so the accesses "
              "it saw were ordered, by a lock or an atomic, and still one "
              "call's steps interleaved with another's)"
            : "(a race condition: one call's steps interleaved with "
              "another's; this build has no ThreadSanitizer, so whether the "
              "class also has a data race was not checked: run its TSan "
              "flavour)",
        history.replay_same_histories >= 0
            ? absl::StrCat("; schedule ", history.failing_schedule,
                           " replayed: ", history.replay_same_histories, " of ",
                           history.failing_runs, " runs gave the same history")
            : "");
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
  return evidence;
}

std::string ExplainChild(const ChildResult& child,
                         const absl::StatusOr<ShareChildReport>& report,
                         uint64_t seed) {
  const HistoryOutcome history =
      report.ok() ? report->history : HistoryOutcome();
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
      const bool controlled = history.failing_schedule >= 0;
      absl::StrAppend(
          &details, "\n  replay it in a test",
          controlled ? absl::StrCat(" (schedule ", history.failing_schedule,
                                    " of racelab's scheduler: the same "
                                    "history every time, on any machine):\n")
                     : " (the OS scheduler is not replayed: it fails in a "
                       "share of the runs, as above):\n",
          "    racelab::ShareOptions options;\n    options.seed = ", seed,
          ";\n    options.replay_scenario = ", history.failing_scenario, ";\n",
          history.replay_steps.empty()
              ? ""
              : absl::StrCat("    options.replay_steps = \"",
                             history.replay_steps, "\";\n"),
          history.failing_schedule >= 1
              ? absl::StrCat("    options.replay_schedule = ",
                             history.failing_schedule, ";\n")
              : "",
          "    EXPECT_TRUE(racelab::IsReportedRacy(operations, options));");
    }
  }
  // gtest's own failure lines, from EXPECTs inside operations.
  int failure_lines = 0;
  for (absl::string_view line : absl::StrSplit(child.stdout_text, '\n')) {
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
      SummarizeTsanOutput(child.stderr_text, 4, FrameFilter::kUserCode);
  for (const std::string& line : tsan.key_lines) {
    absl::StrAppend(&details, "\n  ", line);
  }

  return details;
}

namespace {

// "N calls in R rounds of T threads on I instances; H histories of S
// scenarios, ... checked against the class itself": what the child ran.
std::string WhatRan(const Subject& subject, const ShareOptions& options,
                    const absl::StatusOr<ShareChildReport>& report,
                    bool controlled) {
  const HistoryOutcome history =
      report.ok() ? report->history : HistoryOutcome();
  std::string ran =
      report.ok() ? absl::StrCat(report->calls, " calls in ", report->rounds,
                                 " rounds of ", options.threads, " threads on ",
                                 report->instances, " instances")
                  : "the child ended before its report";
  if (report.ok() && history.histories > 0) {
    absl::StrAppend(&ran, "; ", history.histories, " histories of ",
                    history.scenarios, " scenarios");
    if (controlled) {
      absl::StrAppend(
          &ran, ", each in one schedule of racelab's scheduler (",
          options.schedule,
          options.schedule == "pct" ? absl::StrCat(" depth ", options.pct_depth)
                                    : "",
          "; ", history.schedule_steps / history.histories,
          " points a schedule on average",
          history.real_waits > 0
              ? absl::StrCat("; ", history.real_waits,
                             " waits for something outside the schedule, "
                             "done for real")
              : "",
          "),");
    }
    absl::StrAppend(&ran, " checked against the class itself");
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
  return ran;
}

}  // namespace

::testing::AssertionResult Conclude(
    const Subject& subject, const ShareOptions& options,
    Expectation expectation, const Evidence& evidence,
    const absl::StatusOr<ShareChildReport>& report, const std::string& details,
    uint64_t seed) {
  const HistoryOutcome history =
      report.ok() ? report->history : HistoryOutcome();
  const bool controlled = options.schedule != "os" && !subject.recorded.empty();
  const std::string replay = absl::StrCat(
      " [seed ", seed, "; replay racelab's choices with ", kSeedVariable, "=",
      seed,
      controlled ? " (the history check's schedules replay exactly; the "
                   "hammer's OS scheduling does not)]"
                 : " (the OS scheduler is not replayed)]");

  if (report.ok() && !report->single_thread_failure.empty()) {
    return ::testing::AssertionFailure()
           << "racelab: fails without concurrency (one thread alone): "
           << report->single_thread_failure << details << replay;
  }
  if (report.ok() && !report->factory_failure.empty()) {
    return ::testing::AssertionFailure()
           << "racelab: cannot test: the factory failed" << details << replay;
  }
  const std::string ran = WhatRan(subject, options, report, controlled);
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
