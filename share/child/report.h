// share/child/report.h
//
// The protocol between the MayShare child (share/child_main.h) and its parent
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

// How the history check (share/history/history_phase.h) ended.
struct HistoryOutcome {
  int64_t scenarios = 0;        // scenarios started
  int64_t histories = 0;        // histories checked
  int64_t unknown = 0;          // searches that ran out of budget
  int64_t states_pruned = 0;    // search nodes the state cache skipped
  std::string unknown_example;  // the first of them, with its scenario
  // Set on the first scenario with a history that no order explains (its
  // runs are finished, then the phase stops): how many of its runs there
  // were, and how many of them no order explains.
  int64_t failing_scenario = -1;
  int64_t failing_runs = 0;
  int64_t failing_unexplained = 0;
  // Under the controlled scheduler: the schedule of the first history no
  // order explains (ShareOptions::replay_schedule), and what the scheduler
  // did over every schedule: points reached, turns handed on, and waits
  // done for real because every thread waited (the one place where the
  // machine may change a schedule).
  int64_t failing_schedule = -1;
  int64_t schedule_steps = 0;
  int64_t schedule_switches = 0;
  int64_t real_waits = 0;
  // Replaying one schedule (ShareOptions::replay_schedule): how many of the
  // failing scenario's runs gave the same history as its first. -1: not
  // replaying one schedule.
  int64_t replay_same_histories = -1;
  std::vector<std::string> explanation;  // the failed history, as a table
  // The failing scenario minimised (share/history/scenario_steps.h), and how often
  // it failed so; empty if no step made it smaller.
  std::string minimised;
  // What ShareOptions::replay_steps must hold to replay the failing
  // scenario as minimised (or as replayed): FormatSteps().
  std::string replay_steps;
  std::string replay_error;       // replay_steps do not fit the scenario
  std::string non_deterministic;  // what differed between replays
  std::string always_throws;      // an operation that always threw
};

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
  HistoryOutcome history;       // if the history phase ran
};

std::string FormatShareChildReport(const ShareChildReport& report);
// NotFound if the child printed no report (it died first).
absl::StatusOr<ShareChildReport> ParseShareChildReport(absl::string_view text);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_CHILD_REPORT_H_
