// share/share.cc
//
// racelab::MayShare() / IsReportedRacy() (include/racelab/share.h): the
// parent side. The check re-runs the current test in a child process of the
// test binary (--gtest_filter=<this test>, RACELAB_SHARE_CHILD=<this
// check>), where the same call runs the hammer (child_main.h) instead; the
// parent judges the child by what it printed (detectors/evidence.h).

#include "racelab/share.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
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
#include "share/child/watchdog.h"
#include "share/child_main.h"
#include "share/control/schedule_policy.h"
#include "share/history/scenario_steps.h"
#include "share/parent_tsan_options.h"
#include "share/parent_verdict.h"

namespace racelab::share_internal {
namespace {

constexpr char kChildVariable[] = "RACELAB_SHARE_CHILD";

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
  if (options.schedule != "os" && !ParsePolicy(options.schedule).ok()) {
    return absl::StrCat(
        "schedule must be \"pct\", \"random\" or \"os\", got \"",
        options.schedule, "\"");
  }
  if (options.pct_depth < 1 || options.pct_depth > 10) {
    return absl::StrCat("pct_depth must be 1..10, got ", options.pct_depth);
  }
  if (options.replay_schedule != -1 &&
      (options.replay_schedule < 1 || options.replay_scenario < 0 ||
       options.schedule == "os")) {
    return absl::StrCat(
        "replay_schedule must be -1 (none) or >= 1 with replay_scenario and "
        "a controlled schedule (\"pct\" or \"random\"), got ",
        options.replay_schedule);
  }
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

// Re-runs the current test in a child process of the test binary, where the
// check `id` runs the hammer with `seed`; its TSan options are the user's
// under racelab's, with the suppressions in a file of their own.
absl::StatusOr<ChildResult> RunInChild(const Subject& subject,
                                       const ShareOptions& options,
                                       const std::string& id, uint64_t seed) {
  absl::StatusOr<std::string> self = SelfExecutablePath();
  if (!self.ok()) return self.status();
  const ::testing::TestInfo* info =
      ::testing::UnitTest::GetInstance()->current_test_info();
  // The user's own TSAN_OPTIONS, kept under racelab's (parent_tsan_options.h).
  const char* env = getenv("TSAN_OPTIONS");
  const std::string user_env = env == nullptr ? "" : env;
  absl::StatusOr<std::string> suppressions_text = ChildSuppressions(
      BinaryTsanDefaultOptions(), user_env, options.tsan_suppressions);
  if (!suppressions_text.ok()) return suppressions_text.status();
  absl::StatusOr<std::string> suppressions =
      WriteSuppressions(*suppressions_text);
  if (!suppressions.ok()) return suppressions.status();
  // The child's watchdogs name a hang after HangPatience without progress;
  // the kill is the last resort: the hammer's budget (half the deadline),
  // that patience and half a deadline more. The history phase may take up
  // to three budgets (twice while a failing scenario finishes its runs, once
  // more to minimise it), one more run in flight and its own watchdog's
  // patience, slowed by a loaded machine.
  const absl::Duration patience =
      absl::FromChrono(HangPatience(options.deadline_ms));
  absl::Duration kill_after =
      absl::Milliseconds(options.deadline_ms) + patience;
  if (!subject.recorded.empty() && options.scenarios > 0) {
    kill_after += absl::Milliseconds(options.history_ms) * 3 +
                  absl::Milliseconds(options.deadline_ms) / 2 + patience;
  }
  absl::StatusOr<ChildResult> child = RunChild(
      {*self,
       absl::StrCat("--gtest_filter=", info->test_suite_name(), ".",
                    info->name()),
       "--gtest_color=no",
       // The check may sit in a DISABLED_ test run on demand.
       "--gtest_also_run_disabled_tests"},
      {.timeout = kill_after,
       .env = {absl::StrCat(kChildVariable, "=", id),
               absl::StrCat(kSeedVariable, "=", seed),
               // The parent may be one of GoogleTest's shards
               // (GTEST_TOTAL_SHARDS); the child must run its one test.
               "GTEST_TOTAL_SHARDS=1", "GTEST_SHARD_INDEX=0",
               absl::StrCat("TSAN_OPTIONS=",
                            ChildTsanOptions(user_env, *suppressions))}});
  unlink(suppressions->c_str());
  return child;
}

// A passing MayShare says, where a reader of the test's output and of
// GoogleTest's XML looks, whether data races with right results were
// checked: EXPECT_TRUE never prints a success message.
void NoteWhatWasChecked(const Subject& subject, const ShareOptions& options) {
  // A pass with no history check is said loudly: a race condition with
  // every access locked passes such a check unseen.
  if (subject.recorded.empty() || options.scenarios == 0) {
    const char* why =
        subject.recorded.empty()
            ? "the operations were declared per call "
              "(Operations<T>::Check, or the deprecated "
              "MayShare(factory, {checks})), which judges each call alone"
            : "ShareOptions::scenarios is 0";
    ::testing::Test::RecordProperty("racelab_histories_checked",
                                    absl::StrCat("no: ", why));
    std::cout << "racelab: WARNING: passed WITHOUT a history check: " << why
              << ". A race condition with every access locked (one call "
                 "split over two locked sections) passes unseen. Declare "
                 "the calls with racelab::Operations<T>::Op, which returns "
                 "their results, so that histories are checked against the "
                 "class itself (include/racelab/operations.h)"
              << std::endl;
  } else {
    ::testing::Test::RecordProperty("racelab_histories_checked", "yes");
  }
  if (IsTsanBuild()) {
    ::testing::Test::RecordProperty("racelab_data_races_checked",
                                    "yes (ThreadSanitizer)");
    return;
  }
  ::testing::Test::RecordProperty("racelab_data_races_checked",
                                  "no: a build without ThreadSanitizer");
  std::cout << "racelab: passed in a build without ThreadSanitizer: data "
               "races whose results look right were not checked; the TSan "
               "flavour of this test checks them (racelab_add_share_test, "
               "docs/own-class.md)"
            << std::endl;
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
    EndChild(RunShareChild(subject, options, seed,
                           [] { return ::testing::Test::HasFailure(); }));
  }
  if (const std::string invalid = Validate(subject, options);
      !invalid.empty()) {
    return ::testing::AssertionFailure() << "racelab: " << invalid;
  }
  const uint64_t seed = ChooseSeed(options);
  const absl::StatusOr<ChildResult> child =
      RunInChild(subject, options, id, seed);
  if (!child.ok()) {
    return ::testing::AssertionFailure()
           << "racelab: " << child.status().message();
  }
  const absl::StatusOr<ShareChildReport> report =
      ParseShareChildReport(child->stdout_text);
  *judged = JudgeChild(*child, report);
  ::testing::AssertionResult result =
      Conclude(subject, options, expectation, *judged, report,
               ExplainChild(*child, report, seed), seed);
  if (expectation == Expectation::kShareable && result) {
    NoteWhatWasChecked(subject, options);
  }
  return result;
}

}  // namespace racelab::share_internal

namespace racelab {

bool ThreadSanitizerActive() { return IsTsanBuild(); }

}  // namespace racelab
