// bench/exhibit_operations.h
//
// The exhibit's request declared for racelab::Costs (include/racelab/
// cost.h): one GoodsDetail request through a client made by MakeService,
// its result checked. Shared by the exhibit's API benchmark and the
// API-overhead benchmark, so both time the same call.
//
// Thread-safety: ExhibitRouter() is thread-safe (the router double allows
// concurrent round trips); GoodsDetail is as safe as the client it calls.

#ifndef RACELAB_BENCH_EXHIBIT_OPERATIONS_H_
#define RACELAB_BENCH_EXHIBIT_OPERATIONS_H_

#include "racelab/operations.h"
#include "variants/variants.h"
#include "world/pdd_router.h"

namespace racelab::bench {

// The one router double every client of the process sends to.
PddRouterDouble& ExhibitRouter();

// One GoodsDetail request for goods-<n>; true if it came back right.
bool GoodsDetail(ItemDetailService& service, int n);

// A factory for `variant`'s client (faithful construction: host
// information gathered) and the GoodsDetail operation, n in 0..999.
Operations<ItemDetailService> ExhibitOperations(Variant variant);

}  // namespace racelab::bench

#endif  // RACELAB_BENCH_EXHIBIT_OPERATIONS_H_
