// share/child_report.h
//
// The protocol between the MayShare child (share_child.h) and its parent
// (share.cc): what the child prints last on stdout, one
// "racelab-share <field> ..." line each, and how the parent reads it back.
// Both sides use this header, so the format is written in one place.
// Thread-safe (pure functions).

#ifndef RACELAB_SHARE_CHILD_REPORT_H_
#define RACELAB_SHARE_CHILD_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace racelab::share_internal {

// How the child ended, as its parent reads it from stdout.
struct ShareChildReport {
  int64_t calls = 0;
  int64_t wrong = 0;
  int64_t rounds = 0;
  int64_t instances = 0;              // each shared for one or more rounds
  std::vector<std::string> examples;  // "op (thread T, call N): message"
  // Set when the class failed on ONE thread: no concurrency involved.
  std::string single_thread_failure;
  std::string factory_failure;  // the factory threw: what()
  std::string hung_in;          // "op (thread T, call N)" if it hung
  // The history check (history_phase.h): how many histories were checked
  // and how they ended.
  int64_t scenarios = 0;
  int64_t histories = 0;
  int64_t unexplained = 0;
  int64_t unknown = 0;
  int64_t failing_scenario = -1;
  int64_t failing_scenario_runs = 0;
  std::vector<std::string> explanation;  // the failed history, as a table
  std::string minimised;  // the failing scenario minimised, and its rate
  std::vector<int> replay_without;  // HistoryPhaseReport's
  std::string replay_error;
  std::string non_deterministic;
  std::string always_throws;
  std::string unknown_example;
};

std::string FormatShareChildReport(const ShareChildReport& report);
// NotFound if the child printed no report (it died first).
absl::StatusOr<ShareChildReport> ParseShareChildReport(absl::string_view text);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CHILD_REPORT_H_
