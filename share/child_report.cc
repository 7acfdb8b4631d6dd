// share/child_report.cc

#include "share/child_report.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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
  for (const std::string& line : report.explanation) {
    absl::StrAppend(&text, kPrefix, "explain ", line, "\n");
  }
  if (!report.minimised.empty()) {
    absl::StrAppend(&text, kPrefix, "minimised ", report.minimised, "\n");
  }
  if (report.failing_scenario >= 0) {
    absl::StrAppend(&text, kPrefix, "replay_without ",
                    absl::StrJoin(report.replay_without, ","), "\n");
  }
  if (!report.replay_error.empty()) {
    absl::StrAppend(&text, kPrefix, "replay_error ", report.replay_error, "\n");
  }
  if (!report.non_deterministic.empty()) {
    absl::StrAppend(&text, kPrefix, "nondeterministic ",
                    report.non_deterministic, "\n");
  }
  if (!report.always_throws.empty()) {
    absl::StrAppend(&text, kPrefix, "always_throws ", report.always_throws,
                    "\n");
  }
  if (!report.unknown_example.empty()) {
    absl::StrAppend(&text, kPrefix, "unknown ", report.unknown_example, "\n");
  }
  absl::StrAppend(
      &text, kPrefix, "history scenarios=", report.scenarios,
      " histories=", report.histories, " unexplained=", report.unexplained,
      " unknown=", report.unknown,
      " failing_scenario=", report.failing_scenario,
      " failing_scenario_runs=", report.failing_scenario_runs, "\n");
  absl::StrAppend(&text, kPrefix, "result calls=", report.calls,
                  " wrong=", report.wrong, " rounds=", report.rounds,
                  " instances=", report.instances, "\n");
  return text;
}

absl::StatusOr<ShareChildReport> ParseShareChildReport(absl::string_view text) {
  ShareChildReport report;
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
    if (kv.first == "explain") report.explanation.emplace_back(kv.second);
    if (kv.first == "minimised") report.minimised = std::string(kv.second);
    if (kv.first == "replay_error") {
      report.replay_error = std::string(kv.second);
    }
    if (kv.first == "replay_without") {
      for (absl::string_view index :
           absl::StrSplit(kv.second, ',', absl::SkipEmpty())) {
        int value = 0;
        if (absl::SimpleAtoi(index, &value)) {
          report.replay_without.push_back(value);
        }
      }
    }
    if (kv.first == "nondeterministic") {
      report.non_deterministic = std::string(kv.second);
    }
    if (kv.first == "unknown") report.unknown_example = std::string(kv.second);
    if (kv.first == "always_throws") {
      report.always_throws = std::string(kv.second);
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
      if (f.first == "scenarios") report.scenarios = value;
      if (f.first == "histories") report.histories = value;
      if (f.first == "unexplained") report.unexplained = value;
      if (f.first == "unknown") report.unknown = value;
      if (f.first == "failing_scenario") report.failing_scenario = value;
      if (f.first == "failing_scenario_runs") {
        report.failing_scenario_runs = value;
      }
    }
  }
  if (!found) return absl::NotFoundError("the child printed no result");
  return report;
}

}  // namespace racelab::share_internal
