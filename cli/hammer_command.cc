// cli/hammer_command.cc
//
// `racelab hammer`: one variant hammered in this process, outcome counts
// printed, ending with the result line its parent reads
// (variants/result_line.h).

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/progress_reporter.h"
#include "instrument/race_points.h"
#include "load/goods_detail_load.h"
#include "load/hammer.h"
#include "load/shared_tally.h"
#include "variants/result_line.h"
#include "variants/run_transport.h"
#include "variants/variants.h"

namespace racelab {
namespace {

// The --schedule run, if one was asked for (nullptr if not).
// --schedule=seed is the seed's interleaving, as the variant can be
// interrupted: inside DeepCopy's loop for the bug, between the locked
// steps for the tempting wrong fix.
absl::StatusOr<std::unique_ptr<ScheduleRun>> ScheduleRunFromFlags(
    Variant variant) {
  const std::string text = absl::GetFlag(FLAGS_schedule);
  absl::StatusOr<ForcingMode> forcing = ForcingFromFlags();
  if (!forcing.ok()) return forcing.status();
  if (text.empty()) return nullptr;
  if (!kRacePointsCompiledIn) {
    return absl::InvalidArgumentError(
        "--schedule needs race points, and this build has none (configure "
        "with -DRACELAB_RACE_POINTS=ON, as the default and tsan presets do)");
  }
  absl::StatusOr<Schedule> schedule = text != "seed" ? Schedule::Parse(text)
                                      : variant == Variant::kLockedFields
                                          ? Schedule::LockedFieldsInterleaving()
                                          : Schedule::SeedInterleaving();
  if (!schedule.ok()) return schedule.status();
  std::printf("schedule (%s): %s\n",
              *forcing == ForcingMode::kMutex ? "mutex" : "spin",
              schedule->ToString().c_str());
  return std::make_unique<ScheduleRun>(*std::move(schedule), *forcing);
}

// Wraps the load: binds each hammer thread to its schedule role, and with
// --record_schedule prints the race-point order of the first failing
// request, together with every request in flight with it.
// REQUIRES: kRacePointsCompiledIn || !record (checked by the caller).
HammerOperation WithRacePoints(HammerOperation load, int threads, bool record) {
  // Trace position at which each thread's current request started.
  auto starts = std::make_shared<std::vector<std::atomic<uint64_t>>>(threads);
  auto captured = std::make_shared<std::atomic<bool>>(false);
  if (record) RaceTrace::Start();
  return [load = std::move(load), record, starts,
          captured](RequestContext& context) {
    if (context.iteration == 0 && context.thread < 26) {
      BindRaceRole(static_cast<char>('A' + context.thread));
    }
    if (record) {
      (*starts)[context.thread].store(RaceTrace::Now(),
                                      std::memory_order_relaxed);
    }
    RequestOutcome outcome = load(context);
    if (record && outcome.outcome != Outcome::kOk &&
        !captured->exchange(true)) {
      uint64_t from = RaceTrace::Now();
      for (const std::atomic<uint64_t>& start : *starts) {
        from = std::min(from, start.load(std::memory_order_relaxed));
      }
      const Schedule replay = RaceTrace::ToSchedule(
          RaceTrace::CaptureRequests(from, absl::Seconds(1)),
          RaceTrace::ThisThreadSlot());
      std::printf("replay (thread %d, %s): --schedule='%s'\n", context.thread,
                  std::string(OutcomeName(outcome.outcome)).c_str(),
                  replay.ToString().c_str());
      std::fflush(stdout);
    }
    return outcome;
  };
}

// What the run did: its requests, each outcome's count, when the first
// wrong one came, and the result block a parent reads.
void PrintHammerReport(Variant variant, const HammerReport& report) {
  std::printf("  requests %lld in %s\n",
              static_cast<long long>(report.requests),
              absl::FormatDuration(report.wall).c_str());
  for (Outcome outcome : kAllOutcomes) {
    std::printf("  %-15s %lld\n", std::string(OutcomeName(outcome)).c_str(),
                static_cast<long long>(report.count(outcome)));
  }
  if (report.wrong() > 0) {
    std::printf("  first wrong outcome after %s\n",
                absl::FormatDuration(report.first_wrong_after).c_str());
  }
  std::fputs(HammerResultBlock(variant, report).c_str(), stdout);
}

// Whether the forced schedule happened, every step in order; says which
// step failed if not.
bool ScheduleHappened(const ScheduleRun& run) {
  if (absl::Status status = run.status(); !status.ok()) {
    std::printf("schedule FAILED: %s\n", std::string(status.message()).c_str());
    return false;
  }
  if (!run.finished()) {
    std::printf(
        "schedule FAILED: no thread reached %s (does this variant have "
        "that point? only shared_unsafe and locked run repro's code)\n",
        run.NextStep().c_str());
    return false;
  }
  std::printf("schedule: every step happened in order\n");
  return true;
}

}  // namespace

absl::StatusOr<Conclusion> HammerCommand(const Arguments&) {
  absl::StatusOr<Variant> variant = VariantFromFlags();
  if (!variant.ok()) return variant.status();
  absl::StatusOr<HammerOptions> valid_options = HammerOptionsFromFlags();
  if (!valid_options.ok()) return valid_options.status();
  HammerOptions options = *valid_options;
  absl::StatusOr<std::unique_ptr<ScheduleRun>> schedule =
      ScheduleRunFromFlags(*variant);
  if (!schedule.ok()) return schedule.status();
  const std::unique_ptr<ScheduleRun> schedule_run = *std::move(schedule);
  std::unique_ptr<SharedTally> tally;
  if (const std::string path = absl::GetFlag(FLAGS_tally_file); !path.empty()) {
    absl::StatusOr<std::unique_ptr<SharedTally>> opened =
        SharedTally::Open(path);
    if (!opened.ok())
      return absl::InvalidArgumentError(opened.status().message());
    tally = *std::move(opened);
    options.shared_tally = tally.get();
    if (absl::Status valid = ValidateHammerOptions(options); !valid.ok()) {
      return valid;
    }
  }
  const bool record = absl::GetFlag(FLAGS_record_schedule);
  if (record && !kRacePointsCompiledIn) {
    return absl::InvalidArgumentError(
        "--record_schedule needs race points, and this build has none");
  }

  absl::StatusOr<TransportOptions> transport_options =
      TransportOptionsFromFlags();
  if (!transport_options.ok()) return transport_options.status();
  const PddCredentials credentials = DemoCredentials();
  // Over HTTP this starts the loopback server; it stops when `wire` goes.
  absl::StatusOr<std::unique_ptr<RunTransport>> wire =
      RunTransport::Open(*transport_options, credentials);
  if (!wire.ok()) return wire.status();
  std::unique_ptr<ItemDetailService> service =
      MakeService(*variant, credentials, (*wire)->transport());
  std::printf("racelab hammer: %s, %d threads x %s, %s\n",
              std::string(VariantName(*variant)).c_str(), options.threads,
              options.duration > absl::ZeroDuration()
                  ? absl::FormatDuration(options.duration).c_str()
                  : absl::StrCat(options.iterations, " requests").c_str(),
              (*wire)->Describe().c_str());
  std::fflush(stdout);
  std::atomic<int64_t> progress{0};
  options.progress = &progress;
  HammerReport report;
  {
    // Long runs print their progress to stderr once a second.
    ProgressReporter reporter(&progress);
    HammerOperation load = GoodsDetailLoad(*service);
    if (schedule_run != nullptr || record) {
      load = WithRacePoints(std::move(load), options.threads, record);
    }
    report = RunHammer(options, load);
  }

  PrintHammerReport(*variant, report);
  if (schedule_run != nullptr && !ScheduleHappened(*schedule_run)) {
    return Conclusion::kNotAsExpected;
  }
  return report.wrong() == 0 ? Conclusion::kAsExpected
                             : Conclusion::kNotAsExpected;
}

}  // namespace racelab
