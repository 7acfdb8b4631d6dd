// share/baseline/plain_latch_hammer.cc

#include "share/baseline/plain_latch_hammer.h"

#include <cstdint>
#include <cstdlib>
#include <latch>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "share/child_main.h"

namespace racelab::share_internal {
namespace {

constexpr size_t kMaxExamples = 5;

// Installs the baseline before main() when the child is asked for it.
const bool kInstalled = [] {
  const char* mode = std::getenv("RACELAB_SHARE_HAMMER");
  if (mode != nullptr && absl::string_view(mode) == "plain") {
    SetReplacementHammer(PlainLatchHammer);
  }
  return true;
}();

}  // namespace

ShareChildReport PlainLatchHammer(const Subject& subject,
                                  const ShareOptions& options) {
  ShareChildReport report;
  std::shared_ptr<void> object;
  try {
    object = subject.make();
  } catch (...) {
  }
  if (object == nullptr) {
    report.factory_failure = "the factory failed";
    return report;
  }
  std::latch start(options.threads);
  std::mutex mu;
  std::vector<int64_t> calls(options.threads, 0);
  std::vector<std::thread> threads;
  const int64_t per_thread = int64_t{options.calls_per_thread} * options.rounds;
  for (int t = 0; t < options.threads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int64_t call = 0; call < per_thread; ++call) {
        const auto& [name, run] =
            subject.operations[(t + call) % subject.operations.size()];
        const std::string message = run(object.get(), Call{t, call});
        ++calls[t];
        if (message.empty()) continue;
        std::lock_guard<std::mutex> lock(mu);
        ++report.wrong;
        if (report.examples.size() < kMaxExamples) {
          report.examples.push_back(absl::StrCat(name, ": ", message));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int64_t n : calls) report.calls += n;
  report.rounds = 1;
  return report;
}

}  // namespace racelab::share_internal
