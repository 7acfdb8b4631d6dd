// load/hammer.cc

#include "load/hammer.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <latch>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/check.h"

namespace racelab {
namespace {

using Clock = std::chrono::steady_clock;

// Written only by its own thread; read by RunHammer() after join().
struct ThreadTally {
  std::array<int64_t, kOutcomeCount> counts = {};
  Clock::time_point released;
  Clock::time_point first_wrong = Clock::time_point::max();
  std::vector<std::string> examples;
};

RequestOutcome RunOne(const HammerOperation& operation,
                      RequestContext& context) {
  try {
    return operation(context);
  } catch (const std::exception& e) {
    return {Outcome::kException, e.what()};
  } catch (...) {
    return {Outcome::kException, "non-std exception"};
  }
}

void HammerThread(const HammerOptions& options,
                  const HammerOperation& operation, int thread,
                  std::latch& start, ThreadTally& tally) {
  std::seed_seq seed{static_cast<uint64_t>(options.seed),
                     static_cast<uint64_t>(thread)};
  std::mt19937_64 rng(seed);
  RequestContext context{thread, 0, &rng};

  start.arrive_and_wait();
  tally.released = Clock::now();
  if (options.shared_tally != nullptr) options.shared_tally->RecordStart();
  const bool timed = options.duration > absl::ZeroDuration();
  const Clock::time_point deadline =
      timed ? tally.released + absl::ToChronoNanoseconds(options.duration)
            : Clock::time_point::max();

  // Progress is published in batches: one shared atomic incremented by
  // every thread after every request would put a contended cache line on
  // the very path being measured.
  constexpr int64_t kProgressBatch = 256;
  int64_t unpublished = 0;
  for (int64_t i = 0; timed ? Clock::now() < deadline : i < options.iterations;
       ++i) {
    context.iteration = i;
    RequestOutcome result = RunOne(operation, context);
    ++tally.counts[static_cast<int>(result.outcome)];
    if (options.shared_tally != nullptr) {
      options.shared_tally->Record(thread, result.outcome);
    }
    if (result.outcome != Outcome::kOk) {
      if (tally.first_wrong == Clock::time_point::max()) {
        tally.first_wrong = Clock::now();
      }
      if (static_cast<int>(tally.examples.size()) < options.max_examples) {
        tally.examples.push_back(
            absl::StrCat(OutcomeName(result.outcome), ": ", result.detail));
      }
    }
    if (options.progress != nullptr && ++unpublished == kProgressBatch) {
      options.progress->fetch_add(unpublished, std::memory_order_relaxed);
      unpublished = 0;
    }
  }
  if (options.progress != nullptr && unpublished > 0) {
    options.progress->fetch_add(unpublished, std::memory_order_relaxed);
  }
}

}  // namespace

absl::Status ValidateHammerOptions(const HammerOptions& options) {
  if (options.threads < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("threads must be >= 1, got ", options.threads));
  }
  if (options.duration < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("duration must not be negative");
  }
  if (options.duration == absl::ZeroDuration() && options.iterations < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("iterations must be >= 1 when no duration is set, got ",
                     options.iterations));
  }
  if (options.shared_tally != nullptr &&
      options.threads > kSharedTallyThreads) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a shared tally counts at most ", kSharedTallyThreads, " threads"));
  }
  if (options.max_examples < 0) {
    return absl::InvalidArgumentError("max_examples must not be negative");
  }
  return absl::OkStatus();
}

HammerReport RunHammer(const HammerOptions& options,
                       const HammerOperation& operation) {
  RACELAB_CHECK(ValidateHammerOptions(options).ok(),
                "RunHammer needs valid options (ValidateHammerOptions)");

  std::vector<ThreadTally> tallies(options.threads);
  std::latch start(options.threads);
  {
    std::vector<std::jthread> threads;
    threads.reserve(options.threads);
    for (int t = 0; t < options.threads; ++t) {
      threads.emplace_back(HammerThread, std::cref(options),
                           std::cref(operation), t, std::ref(start),
                           std::ref(tallies[t]));
    }
  }  // jthread joins here
  const Clock::time_point finished = Clock::now();

  HammerReport report;
  Clock::time_point released = Clock::time_point::max();
  Clock::time_point first_wrong = Clock::time_point::max();
  for (ThreadTally& tally : tallies) {
    released = std::min(released, tally.released);
    first_wrong = std::min(first_wrong, tally.first_wrong);
    for (int i = 0; i < kOutcomeCount; ++i) {
      report.counts[i] += tally.counts[i];
      report.requests += tally.counts[i];
    }
    for (std::string& example : tally.examples) {
      if (static_cast<int>(report.examples.size()) < options.max_examples) {
        report.examples.push_back(std::move(example));
      }
    }
  }
  report.wall = absl::FromChrono(finished - released);
  if (first_wrong != Clock::time_point::max()) {
    report.first_wrong_after = absl::FromChrono(first_wrong - released);
  }
  return report;
}

}  // namespace racelab
