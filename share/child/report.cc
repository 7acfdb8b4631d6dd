// share/child/report.cc

#include "share/child/report.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace racelab::share_internal {
namespace {

constexpr absl::string_view kPrefix = "racelab-share ";

}  // namespace

std::string FormatShareChildReport(const ShareChildReport& report) {
  std::string text;
  for (const std::string& example : report.examples) {
    absl::StrAppend(&text, kPrefix, "example ", example, "\n");
  }
  if (!report.single_thread_failure.empty()) {
    absl::StrAppend(&text, kPrefix, "single_thread ",
                    report.single_thread_failure, "\n");
  }
  if (!report.factory_failure.empty()) {
    absl::StrAppend(&text, kPrefix, "factory ", report.factory_failure, "\n");
  }
  if (!report.hung_in.empty()) {
    absl::StrAppend(&text, kPrefix, "hung ", report.hung_in, "\n");
  }
  const HistoryOutcome& history = report.history;
  for (const std::string& line : history.explanation) {
    absl::StrAppend(&text, kPrefix, "explain ", line, "\n");
  }
  if (!history.minimised.empty()) {
    absl::StrAppend(&text, kPrefix, "minimised ", history.minimised, "\n");
  }
  if (!history.replay_steps.empty()) {
    absl::StrAppend(&text, kPrefix, "replay_steps ", history.replay_steps,
                    "\n");
  }
  if (!history.replay_error.empty()) {
    absl::StrAppend(&text, kPrefix, "replay_error ", history.replay_error,
                    "\n");
  }
  if (!history.non_deterministic.empty()) {
    absl::StrAppend(&text, kPrefix, "nondeterministic ",
                    history.non_deterministic, "\n");
  }
  if (!history.always_throws.empty()) {
    absl::StrAppend(&text, kPrefix, "always_throws ", history.always_throws,
                    "\n");
  }
  if (!history.unknown_example.empty()) {
    absl::StrAppend(&text, kPrefix, "unknown ", history.unknown_example, "\n");
  }
  absl::StrAppend(
      &text, kPrefix, "history scenarios=", history.scenarios,
      " histories=", history.histories, " unknown=", history.unknown,
      " states_pruned=", history.states_pruned,
      " failing_scenario=", history.failing_scenario,
      " failing_runs=", history.failing_runs,
      " failing_unexplained=", history.failing_unexplained,
      " failing_schedule=", history.failing_schedule,
      " schedule_steps=", history.schedule_steps,
      " schedule_switches=", history.schedule_switches,
      " real_waits=", history.real_waits,
      " replay_same_histories=", history.replay_same_histories, "\n");
  absl::StrAppend(&text, kPrefix, "result calls=", report.calls,
                  " wrong=", report.wrong, " rounds=", report.rounds,
                  " instances=", report.instances, "\n");
  return text;
}

absl::StatusOr<ShareChildReport> ParseShareChildReport(absl::string_view text) {
  ShareChildReport report;
  HistoryOutcome& history = report.history;
  bool found = false;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!absl::ConsumePrefix(&line, kPrefix)) continue;
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(line, absl::MaxSplits(' ', 1));
    if (kv.first == "example") report.examples.emplace_back(kv.second);
    if (kv.first == "single_thread") {
      report.single_thread_failure = std::string(kv.second);
    }
    if (kv.first == "factory") report.factory_failure = std::string(kv.second);
    if (kv.first == "hung") {
      report.hung_in = std::string(kv.second);
      found = true;
    }
    if (kv.first == "explain") history.explanation.emplace_back(kv.second);
    if (kv.first == "minimised") history.minimised = std::string(kv.second);
    if (kv.first == "replay_error") {
      history.replay_error = std::string(kv.second);
    }
    if (kv.first == "replay_steps") {
      history.replay_steps = std::string(kv.second);
    }
    if (kv.first == "nondeterministic") {
      history.non_deterministic = std::string(kv.second);
    }
    if (kv.first == "unknown") history.unknown_example = std::string(kv.second);
    if (kv.first == "always_throws") {
      history.always_throws = std::string(kv.second);
    }
    if (kv.first != "result" && kv.first != "history") continue;
    if (kv.first == "result") found = true;
    for (absl::string_view field : absl::StrSplit(kv.second, ' ')) {
      std::pair<absl::string_view, absl::string_view> f =
          absl::StrSplit(field, absl::MaxSplits('=', 1));
      int64_t value = 0;
      if (!absl::SimpleAtoi(f.second, &value)) continue;
      if (f.first == "calls") report.calls = value;
      if (f.first == "wrong") report.wrong = value;
      if (f.first == "rounds") report.rounds = value;
      if (f.first == "instances") report.instances = value;
      if (f.first == "scenarios") history.scenarios = value;
      if (f.first == "histories") history.histories = value;
      if (f.first == "unknown") history.unknown = value;
      if (f.first == "states_pruned") history.states_pruned = value;
      if (f.first == "failing_scenario") history.failing_scenario = value;
      if (f.first == "failing_runs") history.failing_runs = value;
      if (f.first == "failing_unexplained") {
        history.failing_unexplained = value;
      }
      if (f.first == "failing_schedule") history.failing_schedule = value;
      if (f.first == "schedule_steps") history.schedule_steps = value;
      if (f.first == "schedule_switches") history.schedule_switches = value;
      if (f.first == "real_waits") history.real_waits = value;
      if (f.first == "replay_same_histories") {
        history.replay_same_histories = value;
      }
    }
  }
  if (!found) return absl::NotFoundError("the child printed no result");
  return report;
}

}  // namespace racelab::share_internal
