// share/history/scenario_steps.h
//
// The steps that make a failing scenario smaller (share/history/history_phase.cc
// tries them; a failure prints the ones that kept it failing), and the text
// that replays them (ShareOptions::replay_steps):
//
//   drop N       call N is left out
//   prefix N     call N, the first of its thread, runs at the end of the
//                prefix instead (before the threads start)
//   suffix N     call N, the last of its thread, runs at the start of the
//                suffix instead (after the threads end)
//   simpler N.K  call N's arguments become the K-th simpler ones its
//                generators offer (RecordedOperation::simpler)
//
// N is an index into the calls of the scenario the steps before it left
// (its layout order: prefix, thread 0, thread 1, ..., suffix), so the
// steps apply one after another: "drop 0, drop 3, prefix 2".
// A moved call keeps the Call it had (racelab::Call: its thread and call
// number), so it is called exactly as before.
// Thread-safe (values and pure functions).

#ifndef RACELAB_SHARE_HISTORY_SCENARIO_STEPS_H_
#define RACELAB_SHARE_HISTORY_SCENARIO_STEPS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "racelab/operations.h"
#include "share/history/scenario.h"

namespace racelab::share_internal {

struct ScenarioStep {
  enum class Kind { kDrop, kToPrefix, kToSuffix, kSimpler };
  Kind kind = Kind::kDrop;
  int call = 0;       // index into the scenario's calls
  int candidate = 0;  // kSimpler: which of the simpler arguments

  bool operator==(const ScenarioStep& other) const {
    return kind == other.kind && call == other.call &&
           candidate == other.candidate;
  }
};

// The steps that could make `scenario` smaller, most drastic first: each
// call dropped; each thread's first call moved to the prefix and its last
// to the suffix; each call's simpler arguments. A step that would leave
// fewer than two threads with calls is not offered (no concurrency left).
std::vector<ScenarioStep> SmallerSteps(
    const std::vector<RecordedOperation>& operations, const Scenario& scenario);

// `scenario` after `step`; InvalidArgument, saying why, if the step does
// not fit it (no such call, not the first or last of its thread, no such
// simpler argument).
absl::StatusOr<Scenario> ApplyStep(
    const std::vector<RecordedOperation>& operations, const Scenario& scenario,
    const ScenarioStep& step);

// "drop 0, prefix 2, simpler 1.0"; "" for no steps.
std::string FormatSteps(const std::vector<ScenarioStep>& steps);
std::string FormatStep(const ScenarioStep& step);

// The inverse of FormatSteps(); InvalidArgument naming the part it cannot
// read.
absl::StatusOr<std::vector<ScenarioStep>> ParseSteps(absl::string_view text);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_HISTORY_SCENARIO_STEPS_H_
