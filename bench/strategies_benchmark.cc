// bench/strategies_benchmark.cc
//
// What each client strategy costs, and how it scales, on one workload: the
// PDD GoodsDetail request path (parameters, MD5 signing, query building,
// the router double re-verifying the signature, response parsing) through
// each variant's UnionService, optionally behind a simulated round trip.
//
// Benchmark names (the same suffixes for every strategy, so compare.py's
// `filters` mode can pair them):
//   <strategy>/host_info:<gathered|skipped>/params:<6|64>/latency_us:<L>
//       /manual_time/threads:<T>
// strategy   shared_unsafe (the bug; 1 thread only: the cost floor with no
//            safety), per_request, locked, copying, thread_local, pool
// host_info  gathered: every client construction gathers host information,
//            as the Go library did; skipped: light construction
// params     parameters per request: 6 is the PDD set, 64 adds 58 optional
//            parameters
// latency_us the simulated round trip, spent blocked (LatencyTransport)
// threads    1, 2, 4, 8, 16 callers sharing one service
// Plus two calibrations: construction/host_info:<...> (one repro::PddClient)
// and round_trip/latency_us:<L> (what a simulated round trip really takes).
//
// Counters: items_per_second (requests per second, all threads together),
// alloc_bytes_per_request and allocs_per_request (operator new, counted
// by racelab::cost_allocations).
// Every request is checked (the router accepted it, and answered with the
// goods_sign asked for); one more request per thread after the timed loop
// checks that the server saw all the parameters. A failure marks the
// benchmark as errored instead of reporting a number.

#include <algorithm>
#include <barrier>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "bench/run_span.h"
#include "benchmark/benchmark.h"
#include "fixed/pool/union_service.h"
#include "load/outcome.h"
#include "racelab/cost_internal.h"
#include "repro/pdd_client.h"
#include "variants/variants.h"
#include "world/latency_transport.h"
#include "world/pdd_router.h"
#include "world/query.h"

#ifndef RACELAB_BUILD_TYPE
#define RACELAB_BUILD_TYPE "unknown"
#endif

namespace racelab::bench {
namespace {

constexpr int kPddParamCount =
    6;  // type timestamp goods_sign pid client_id sign
constexpr int kLargeParamCount = 64;
constexpr int kThreadCounts[] = {1, 2, 4, 8, 16};
constexpr int kParamCounts[] = {kPddParamCount, kLargeParamCount};
constexpr int kLatenciesUs[] = {0, 100, 1000};
constexpr HostInfoMode kHostInfoModes[] = {HostInfoMode::kGather,
                                           HostInfoMode::kSkip};

absl::string_view HostInfoName(HostInfoMode mode) {
  return mode == HostInfoMode::kGather ? "gathered" : "skipped";
}

// The optional parameters that bring a request to `param_count` in all.
ParamMap OptionalParams(int param_count) {
  ParamMap params;
  for (int i = 0; i < param_count - kPddParamCount; ++i) {
    params[absl::StrCat("extra_param_", i)] = absl::StrCat("value-", i);
  }
  return params;
}

// Everything one benchmark run shares between its threads. Built before the
// run's threads start and destroyed after they have ended (Setup/Teardown).
struct Workload {
  Workload(Variant variant, HostInfoMode host_info, int param_count,
           int latency_us, int threads)
      : param_count(param_count),
        optional_params(OptionalParams(param_count)),
        transport(&router, std::chrono::microseconds(latency_us)),
        service(MakeService(variant, DemoCredentials(), &transport, host_info)),
        all_done(threads) {}

  const int param_count;
  const ParamMap optional_params;
  PddRouterDouble router{DemoCredentials()};
  LatencyTransport transport;
  const std::unique_ptr<ItemDetailService> service;
  RunSpan span;
  std::barrier<> all_done;  // every thread has added its part to `span`
};

Workload* workload = nullptr;  // see Workload

template <Variant kVariant, HostInfoMode kHostInfo>
void SetUpWorkload(const benchmark::State& state) {
  workload = new Workload(kVariant, kHostInfo, static_cast<int>(state.range(0)),
                          static_cast<int>(state.range(1)), state.threads());
}

void TearDownWorkload(const benchmark::State&) {
  delete workload;
  workload = nullptr;
}

using SetUpFunction = void (*)(const benchmark::State&);

template <Variant kVariant>
SetUpFunction SetUpFor(HostInfoMode host_info) {
  return host_info == HostInfoMode::kGather
             ? &SetUpWorkload<kVariant, HostInfoMode::kGather>
             : &SetUpWorkload<kVariant, HostInfoMode::kSkip>;
}

SetUpFunction SetUpFor(Variant variant, HostInfoMode host_info) {
  switch (variant) {
    case Variant::kSharedUnsafe:
      return SetUpFor<Variant::kSharedUnsafe>(host_info);
    case Variant::kLockedFields:
      return SetUpFor<Variant::kLockedFields>(host_info);
    case Variant::kPerRequest:
      return SetUpFor<Variant::kPerRequest>(host_info);
    case Variant::kLocked:
      return SetUpFor<Variant::kLocked>(host_info);
    case Variant::kCopying:
      return SetUpFor<Variant::kCopying>(host_info);
    case Variant::kThreadLocal:
      return SetUpFor<Variant::kThreadLocal>(host_info);
    case Variant::kPool:
      return SetUpFor<Variant::kPool>(host_info);
  }
  return nullptr;
}

// Outside the timed loop: one more request, and proof that the server saw
// every parameter. Returns an empty string if all is well.
std::string CheckOneRequest(Workload& work, const std::string& sign) {
  absl::StatusOr<GoodsDetailResult> result =
      work.service->GetUnionPddItemDetail(sign, work.optional_params);
  const RequestOutcome outcome = ClassifyGoodsDetail(sign, result);
  if (outcome.outcome != Outcome::kOk) return outcome.detail;
  absl::StatusOr<ParamMap> saw = ParseQuery(result->http.server_saw);
  if (!saw.ok()) return std::string(saw.status().message());
  if (static_cast<int>(saw->size()) != work.param_count) {
    return absl::StrCat("the server saw ", saw->size(), " parameters, not ",
                        work.param_count);
  }
  return "";
}

// What the calling thread has allocated so far: racelab::cost_allocations
// is linked into this benchmark, so its reader is installed.
share_internal::Allocations ThisThreadAllocations() {
  return share_internal::CountingAllocations()();
}

void BM_GoodsDetail(benchmark::State& state) {
  Workload& work = *workload;
  std::string sign = absl::StrCat("goods-", state.thread_index(), "-");
  const size_t prefix = sign.size();
  int64_t wrong = 0;
  int64_t request = 0;
  std::string first_wrong;
  Clock::time_point started;
  const share_internal::Allocations before = ThisThreadAllocations();
  for (auto _ : state) {
    if (request == 0) started = Clock::now();
    sign.resize(prefix);
    absl::StrAppend(&sign, request++);
    // Checked inside the loop, cheaply (the response is already parsed): a
    // benchmark of a request that went wrong would be worthless.
    const RequestOutcome outcome = ClassifyGoodsDetail(
        sign, work.service->GetUnionPddItemDetail(sign, work.optional_params));
    if (outcome.outcome != Outcome::kOk && wrong++ == 0) {
      first_wrong = outcome.detail;
    }
  }
  const share_internal::Allocations used = ThisThreadAllocations() - before;
  // The time of the run is its wall-clock span, the same for every thread.
  // (Google Benchmark's real time is the mean of the threads' own times;
  // under a lock, threads finish at different moments and that mean
  // understates the run: it made `locked` beat 1 / round trip.)
  work.span.Add(started, Clock::now());
  work.all_done.arrive_and_wait();
  state.SetIterationTime(work.span.Seconds());
  state.SetItemsProcessed(state.iterations());
  state.counters["alloc_bytes_per_request"] = benchmark::Counter(
      static_cast<double>(used.bytes), benchmark::Counter::kAvgIterations);
  state.counters["allocs_per_request"] = benchmark::Counter(
      static_cast<double>(used.count), benchmark::Counter::kAvgIterations);
  if (wrong != 0) {
    state.SkipWithError(
        absl::StrCat(wrong, " requests came back wrong; first: ", first_wrong)
            .c_str());
    return;
  }
  const std::string problem =
      CheckOneRequest(work, absl::StrCat("check-", state.thread_index()));
  if (!problem.empty()) state.SkipWithError(problem.c_str());
}

void RegisterStrategies() {
  for (Variant variant : kAllVariants) {
    // The tempting wrong fix is not priced: it is not a fix (its results
    // are wrong at two threads), and shared_unsafe already prices one
    // client at one thread.
    if (KindOf(variant) == VariantKind::kRaceCondition) continue;
    for (HostInfoMode host_info : kHostInfoModes) {
      const std::string name = absl::StrCat(
          VariantName(variant), "/host_info:", HostInfoName(host_info));
      benchmark::internal::Benchmark* bench =
          benchmark::RegisterBenchmark(name.c_str(), &BM_GoodsDetail);
      bench->ArgNames({"params", "latency_us"})
          ->Setup(SetUpFor(variant, host_info))
          ->Teardown(&TearDownWorkload)
          ->UseManualTime();
      for (int params : kParamCounts) {
        for (int latency_us : kLatenciesUs) bench->Args({params, latency_us});
      }
      if (variant == Variant::kSharedUnsafe) {
        bench->Threads(1);  // racy at two threads: no number to measure
      } else {
        for (int threads : kThreadCounts) bench->Threads(threads);
      }
    }
  }
}

// One client construction, as per_request pays it on every call.
void BM_Construction(benchmark::State& state, HostInfoMode host_info) {
  PddRouterDouble router(DemoCredentials());
  const PddCredentials credentials = DemoCredentials();
  for (auto _ : state) {
    repro::PddClient client(credentials, &router, host_info);
    benchmark::DoNotOptimize(client);
  }
  state.SetItemsProcessed(state.iterations());
}

// A transport that answers at once; the calibration measures only the wait.
class NullTransport final : public Transport {
 public:
  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest&) override {
    return HttpResponse{200, "", ""};
  }
};

void BM_RoundTrip(benchmark::State& state) {
  NullTransport null;
  LatencyTransport transport(&null, std::chrono::microseconds(state.range(0)));
  const HttpRequest request;
  for (auto _ : state) benchmark::DoNotOptimize(transport.RoundTrip(request));
  state.SetItemsProcessed(state.iterations());
}

void RegisterCalibrations() {
  for (HostInfoMode host_info : kHostInfoModes) {
    benchmark::RegisterBenchmark(
        absl::StrCat("construction/host_info:", HostInfoName(host_info))
            .c_str(),
        &BM_Construction, host_info)
        ->UseRealTime();
  }
  benchmark::internal::Benchmark* round_trip =
      benchmark::RegisterBenchmark("round_trip", &BM_RoundTrip);
  round_trip->ArgName("latency_us")->UseRealTime();
  for (int latency_us : kLatenciesUs) {
    if (latency_us > 0) round_trip->Arg(latency_us);
  }
}

// The first "model name" in /proc/cpuinfo (Google Benchmark's context has
// no CPU model), or "unknown".
std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    absl::string_view view = line;
    if (!absl::ConsumePrefix(&view, "model name")) continue;
    const size_t colon = view.find(':');
    if (colon == absl::string_view::npos) continue;
    return std::string(absl::StripAsciiWhitespace(view.substr(colon + 1)));
  }
  return "unknown";
}

}  // namespace
}  // namespace racelab::bench

int main(int argc, char** argv) {
  racelab::bench::RegisterCalibrations();
  racelab::bench::RegisterStrategies();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::AddCustomContext("racelab_build_type", RACELAB_BUILD_TYPE);
  benchmark::AddCustomContext("racelab_cpu_model", racelab::bench::CpuModel());
  benchmark::AddCustomContext(
      "racelab_pool_size",
      absl::StrCat(racelab::fixed::pool::kDefaultPoolSize));
#ifdef RACELAB_RACE_POINTS
  benchmark::AddCustomContext("racelab_race_points", "compiled in");
#else
  benchmark::AddCustomContext("racelab_race_points", "compiled out");
#endif
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
