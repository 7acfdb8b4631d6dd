// share/history/scenario.h
//
// A Scenario: the calls of one history check, fixed before it runs (which
// operation, which arguments, on which thread), drawn from the seed. The
// calls are laid out in one order for every run of the scenario: the
// prefix, then thread 0's calls, thread 1's, ..., then the suffix; that
// order is also a valid one-at-a-time execution of the scenario (the
// determinism check replays it). FormatScenario() and ExplainUnexplained()
// print a scenario and a failed history as the table a user reads.
// Thread-safe (values and pure functions).

#ifndef RACELAB_SHARE_HISTORY_SCENARIO_H_
#define RACELAB_SHARE_HISTORY_SCENARIO_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "racelab/share.h"
#include "share/history/history_check.h"

namespace racelab::share_internal {

struct ScenarioShape {
  int prefix = 1;
  int threads = 2;
  int calls_per_thread = 3;
  int suffix = 1;
};

struct Scenario {
  ScenarioShape shape;
  // Laid out as described above; observed results and tickets unset.
  std::vector<RecordedCall> calls;
};

// Where each part's calls are in Scenario::calls.
struct ScenarioLayout {
  size_t prefix_end = 0;  // [0, prefix_end): the prefix
  // threads[t]: [begin, end) of thread t's calls (empty if it has none).
  std::vector<std::pair<size_t, size_t>> threads;
  size_t suffix_begin = 0;  // [suffix_begin, size): the suffix
};
ScenarioLayout LayoutOf(const Scenario& scenario);

// The scenario without its call at `index` (the others keep the Call they
// had). REQUIRES: index < scenario.calls.size().
Scenario WithoutCall(const Scenario& scenario, size_t index);

// How many threads of the parallel part have at least one call.
int BusyThreads(const Scenario& scenario);

// "prefix: Next(); thread 0: Next(), Peek(); thread 1: Next(); suffix: -":
// a scenario's calls, without results, on one line.
std::string FormatScenario(const std::vector<RecordedOperation>& operations,
                           const Scenario& scenario);

// The scenario numbered `index` of a check with `seed`: its calls' ops
// and arguments drawn from both. REQUIRES: !operations.empty().
Scenario DrawScenario(const std::vector<RecordedOperation>& operations,
                      const ScenarioShape& shape, uint64_t seed, int index);

// "Next(2)", "Peek()": an operation's name and printed arguments.
std::string CallText(const std::vector<RecordedOperation>& operations,
                     const RecordedCall& call);

// The lines explaining a history no order explains: the scenario as a
// table (prefix, one column per thread with `op(args) -> result`, suffix),
// which parallel calls overlapped, and the first call whose result no
// order can explain, with what it returns when replayed after the longest
// order that explained the calls before it.
std::vector<std::string> ExplainUnexplained(
    const std::vector<RecordedOperation>& operations,
    const ScenarioShape& shape, const std::vector<RecordedCall>& history,
    const HistoryVerdict& verdict);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_HISTORY_SCENARIO_H_
