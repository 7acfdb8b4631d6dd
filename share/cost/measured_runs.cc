// share/cost/measured_runs.cc

#include "share/cost/measured_runs.h"

#include <vector>

#include "benchmark/benchmark.h"

namespace racelab {
namespace {

// Collects every run by name (Google Benchmark's own reporter interface).
class Collector : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      Measured& measured = runs_[run.benchmark_name()];
      measured.error = run.error_occurred;
      measured.message = run.error_message;
      measured.iterations = run.iterations;
      for (const auto& [name, counter] : run.counters) {
        measured.counters[name] = counter.value;
      }
    }
  }
  const std::map<std::string, Measured>& runs() const { return runs_; }

 private:
  std::map<std::string, Measured> runs_;
};

}  // namespace

std::map<std::string, Measured> RunMatching(const std::string& filter) {
  static bool initialized = [] {
    static char name[] = "cost_test";
    static char min_time[] = "--benchmark_min_time=0.01";
    static char* argv[] = {name, min_time, nullptr};
    int argc = 2;
    benchmark::Initialize(&argc, argv);
    return true;
  }();
  (void)initialized;
  Collector collector;
  benchmark::RunSpecifiedBenchmarks(&collector, filter);
  return collector.runs();
}

}  // namespace racelab
