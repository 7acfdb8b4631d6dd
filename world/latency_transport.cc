// world/latency_transport.cc

#include "world/latency_transport.h"

#include <sys/prctl.h>

#include <thread>

#include "base/check.h"

namespace racelab {
namespace {

// Linux's default 50 us timer slack would dominate a 100 us sleep.
void UseExactTimersOnThisThread() {
  thread_local const bool done = prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0) == 0;
  (void)done;
}

}  // namespace

LatencyTransport::LatencyTransport(Transport* inner,
                                   std::chrono::nanoseconds latency)
    : inner_(inner), latency_(latency) {
  RACELAB_CHECK(latency >= std::chrono::nanoseconds::zero(),
                "a round trip cannot be negative");
}

absl::StatusOr<HttpResponse> LatencyTransport::RoundTrip(
    const HttpRequest& request) {
  if (latency_ > std::chrono::nanoseconds::zero()) {
    UseExactTimersOnThisThread();
    std::this_thread::sleep_for(latency_);
  }
  return inner_->RoundTrip(request);
}

}  // namespace racelab
