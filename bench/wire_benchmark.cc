// bench/wire_benchmark.cc
//
// What the network changes: the same GoodsDetail request as
// strategies_benchmark, in process (the router double) and over a real
// loopback wire (libcurl to `racelab serve`, started once for the process),
// for every client fix and every CURL handle strategy.
//
// Benchmark names:
//   wire/client:<fix>/transport:<inproc|http>/manual_time/threads:<T>
//       a client fix; over HTTP each client object keeps its own easy
//       handle, so per_request pays a new connection per request, locked
//       keeps one connection for all threads, thread_local one per
//       thread, pool one per pooled client, copying borrows idle ones
//   wire/handles:<strategy>/transport:http/manual_time/threads:<T>
//       the shared-handle exhibit's cures under the copying client:
//       per_request (a connection per request), per_thread (keep-alive per
//       thread), pool (4 handles), curl_share (handle per request, one
//       CURLSH connection cache)
// threads 1, 2, 4, 8, 16. Construction is light (no host information) so
// that the rows differ by their wire only; 6 parameters (the PDD set).
// Counters: items_per_second (requests/s, all threads together, over the
// run's wall clock), connections_per_request (new TCP connections).
// Every request is checked; a wrong one marks the benchmark as errored.

#include <algorithm>
#include <array>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/check.h"
#include "bench/run_span.h"
#include "benchmark/benchmark.h"
#include "load/outcome.h"
#include "variants/run_transport.h"
#include "variants/variants.h"
#include "wire/curl_easy.h"
#include "wire/server_process.h"
#include "world/pdd_router.h"

#ifndef RACELAB_BUILD_TYPE
#define RACELAB_BUILD_TYPE "unknown"
#endif

namespace racelab::bench {
namespace {

constexpr int kThreadCounts[] = {1, 2, 4, 8, 16};

// The loopback server, one for the whole process (started by main()).
wire::ServerProcess* server = nullptr;

struct Case {
  Variant variant = Variant::kCopying;
  TransportKind transport = TransportKind::kInProcess;
  Handles handles = Handles::kPerClient;
};

// Everything one run shares between its threads (Setup/Teardown).
struct Workload {
  Workload(const Case& c, int threads)
      : transport(MakeTransport(c)),
        service(MakeService(c.variant, DemoCredentials(), transport.get(),
                            HostInfoMode::kSkip)),
        connections_before(wire::ConnectionsOpenedInProcess()),
        all_done(threads) {}

  static std::unique_ptr<Transport> MakeTransport(const Case& c) {
    if (c.transport == TransportKind::kInProcess) {
      return std::make_unique<PddRouterDouble>(DemoCredentials());
    }
    return MakeHttpTransport(c.handles, server->base_url(), {});
  }

  const std::unique_ptr<Transport> transport;
  const std::unique_ptr<ItemDetailService> service;
  const int64_t connections_before;
  RunSpan span;
  std::barrier<> all_done;
};

Workload* workload = nullptr;

std::vector<Case>& Cases() {
  static std::vector<Case> cases;
  return cases;
}

// Setup() takes a plain function, so each case gets one: SetUpCase<I>
// builds the workload of Cases()[I].
template <size_t kIndex>
void SetUpCase(const benchmark::State& state) {
  workload = new Workload(Cases()[kIndex], state.threads());
}

template <size_t... kIndex>
constexpr std::array<void (*)(const benchmark::State&), sizeof...(kIndex)>
SetUpTable(std::index_sequence<kIndex...>) {
  return {&SetUpCase<kIndex>...};
}
constexpr auto kSetUps = SetUpTable(std::make_index_sequence<16>{});

void TearDown(const benchmark::State&) {
  delete workload;
  workload = nullptr;
}

void BM_Wire(benchmark::State& state) {
  Workload& work = *workload;
  std::string sign = absl::StrCat("goods-", state.thread_index(), "-");
  const size_t prefix = sign.size();
  int64_t wrong = 0, request = 0;
  std::string first_wrong;
  Clock::time_point started;
  for (auto _ : state) {
    if (request == 0) started = Clock::now();
    sign.resize(prefix);
    absl::StrAppend(&sign, request++);
    const RequestOutcome outcome =
        ClassifyGoodsDetail(sign, work.service->GetUnionPddItemDetail(sign));
    if (outcome.outcome != Outcome::kOk && wrong++ == 0) {
      first_wrong = outcome.detail;
    }
  }
  work.span.Add(started, Clock::now());
  work.all_done.arrive_and_wait();
  state.SetIterationTime(work.span.Seconds());
  state.SetItemsProcessed(state.iterations());
  // New connections over every thread's requests (the counter is the
  // process's; Google Benchmark sums the threads' counters).
  const double connections =
      state.thread_index() == 0
          ? static_cast<double>(wire::ConnectionsOpenedInProcess() -
                                work.connections_before)
          : 0.0;
  state.counters["connections_per_request"] =
      benchmark::Counter(connections, benchmark::Counter::kAvgIterations);
  if (wrong != 0) {
    state.SkipWithError(
        absl::StrCat(wrong, " requests came back wrong; first: ", first_wrong)
            .c_str());
  }
}

void Register(const std::string& name, const Case& c) {
  RACELAB_CHECK(Cases().size() < kSetUps.size(), "more cases than set-ups");
  benchmark::internal::Benchmark* bench =
      benchmark::RegisterBenchmark(name.c_str(), &BM_Wire);
  bench->Setup(kSetUps[Cases().size()])->Teardown(&TearDown)->UseManualTime();
  for (int threads : kThreadCounts) bench->Threads(threads);
  Cases().push_back(c);
}

void RegisterAll() {
  for (Variant variant : kFixedVariants) {
    for (TransportKind transport :
         {TransportKind::kInProcess, TransportKind::kHttp}) {
      Register(absl::StrCat("wire/client:", VariantName(variant),
                            "/transport:", TransportKindName(transport)),
               {variant, transport, Handles::kPerClient});
    }
  }
  for (Handles handles : kHandleFixes) {
    Register(
        absl::StrCat("wire/handles:", HandlesName(handles), "/transport:http"),
        {Variant::kCopying, TransportKind::kHttp, handles});
  }
}

}  // namespace
}  // namespace racelab::bench

int main(int argc, char** argv) {
  racelab::bench::RegisterAll();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  const char* tool = std::getenv("RACELAB_TOOL");
  absl::StatusOr<std::unique_ptr<racelab::wire::ServerProcess>> server =
      racelab::wire::ServerProcess::Start(tool != nullptr ? tool
                                                          : RACELAB_TOOL_PATH);
  if (!server.ok()) {
    std::fprintf(stderr, "wire_benchmark: %s\n",
                 server.status().ToString().c_str());
    return 2;
  }
  racelab::bench::server = server->get();
  benchmark::AddCustomContext("racelab_build_type", RACELAB_BUILD_TYPE);
  benchmark::AddCustomContext("racelab_server", (*server)->base_url());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
