// An outside project's class priced with racelab::Costs: which way of
// sharing it costs least, at each thread count?
//
// PriceQuoter loads a rate table when it is built (a costly constructor,
// about a fifth of a millisecond), then answers Quote(sku): a lookup in
// the table, a call to a quote service (simulated: 100 us spent waiting),
// and a note of the last quote in the instance. That note makes one
// instance unsafe to share (MayShare says so: race_condition_test.cc's
// pattern), so the question is how to avoid sharing it:
//   locked         one quoter behind a mutex, held across the wait
//   per_call       a quoter built for every call (the constructor's cost)
//   copy_per_call  a copy of one loaded quoter per call (the table's copy)
//   pool           4 quoters (the quote service allows 4 connections per
//                  process, so per_thread is not an option at 16 threads)
// Run: quote_costs_benchmark --benchmark_out=quote.json
//      --benchmark_out_format=json, then scripts/bench-report quote.json.

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "racelab/cost.h"

namespace {

class PriceQuoter {
 public:
  PriceQuoter() : rates_(kSkus) {
    for (int sku = 0; sku < kSkus; ++sku) {
      rates_[sku] = 1.0 + std::sqrt(static_cast<double>(sku)) / 100.0;
    }
  }

  // Not thread-safe: writes last_quote_.
  double Quote(int sku) {
    last_quote_ = rates_[sku % kSkus] * 100.0;
    return last_quote_;
  }

 private:
  static constexpr int kSkus = 20000;

  std::vector<double> rates_;
  double last_quote_ = 0;
};

const bool kRegistered =
    racelab::Costs<PriceQuoter>(
        "PriceQuoter",
        racelab::Operations<PriceQuoter>().Op("Quote", &PriceQuoter::Quote,
                                              racelab::Range(0, 19999)))
        .Wait(std::chrono::microseconds(100))
        .Threads({1, 2, 4, 8, 16})
        .SharedUnlocked()
        .Locked()
        .PerCall()
        .CopyPerCall()
        .Pool(4)
        .Register();

}  // namespace
