// share/cost/measured_runs.h
//
// For racelab::Costs' own tests: runs the registered benchmarks whose
// names match a filter and collects each run's outcome and counters by
// name. Not thread-safe: call from one test thread at a time.

#ifndef RACELAB_SHARE_COST_MEASURED_RUNS_H_
#define RACELAB_SHARE_COST_MEASURED_RUNS_H_

#include <cstdint>
#include <map>
#include <string>

namespace racelab {

struct Measured {
  bool error = false;
  std::string message;
  int64_t iterations = 0;
  std::map<std::string, double> counters;
};

// Runs (short: 0.01 s each) every registered benchmark matching the
// regular expression `filter`.
std::map<std::string, Measured> RunMatching(const std::string& filter);

}  // namespace racelab

#endif  // RACELAB_SHARE_COST_MEASURED_RUNS_H_
