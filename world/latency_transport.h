// world/latency_transport.h
//
// LatencyTransport: wraps a Transport and adds a simulated network round
// trip to every request. The time is spent blocked in the kernel, as a
// thread waiting for a reply would be, never spinning: while one request
// waits, the CPU is free for the others. That is what makes a lock held
// across the round trip expensive, and what the benchmarks measure.
//
// The calling thread's timer slack is set to 1 ns on its first delayed
// request (Linux rounds sleeps up by 50 us by default; a reply arriving
// from the network is not rounded), so a 100 us round trip is not 150 us.

#ifndef RACELAB_WORLD_LATENCY_TRANSPORT_H_
#define RACELAB_WORLD_LATENCY_TRANSPORT_H_

#include <chrono>

#include "absl/status/statusor.h"
#include "world/transport.h"

namespace racelab {

// Thread safety: thread-safe; all members are constant after construction
// and the wrapped transport allows concurrent calls (Transport requires it).
class LatencyTransport final : public Transport {
 public:
  // REQUIRES: `inner` outlives this transport; latency >= 0.
  LatencyTransport(Transport* inner, std::chrono::nanoseconds latency);

  LatencyTransport(const LatencyTransport&) = delete;
  LatencyTransport& operator=(const LatencyTransport&) = delete;

  // LatencyTransport::RoundTrip()
  // Blocks for at least latency(), then returns inner's answer.
  absl::StatusOr<HttpResponse> RoundTrip(const HttpRequest& request) override;

  std::chrono::nanoseconds latency() const { return latency_; }

 private:
  // Constant after construction.
  Transport* const inner_;
  const std::chrono::nanoseconds latency_;
};

}  // namespace racelab

#endif  // RACELAB_WORLD_LATENCY_TRANSPORT_H_
