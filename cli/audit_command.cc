// cli/audit_command.cc
//
// `racelab audit`: the corruption audit (experiments/audit.h), one table row per
// child run.

#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/build_info.h"
#include "base/child_process.h"
#include "base/interrupt.h"
#include "cli/commands.h"
#include "detectors/evidence.h"
#include "experiments/audit.h"

namespace racelab {

namespace {

// One run's line of the audit table, and how its evidence was read.
void PrintAuditRow(int run, const AuditResult& result,
                   const Evidence& evidence) {
  const SharedTally::Totals& t = result.totals;
  auto count = [&t](Outcome o) {
    return static_cast<long long>(t.counts[static_cast<int>(o)]);
  };
  std::printf(
      "%-4d %-14s %-34s %9lld %9lld %10lld %13lld %14lld %11lld %9lld %16s\n",
      run, std::string(EvidenceKindName(evidence.kind)).c_str(),
      result.child.Describe().c_str(), static_cast<long long>(t.requests),
      count(Outcome::kOk), count(Outcome::kWrongItem),
      count(Outcome::kSignRejected), count(Outcome::kMissingParams),
      count(Outcome::kOtherError), count(Outcome::kException),
      t.first_wrong_after == absl::InfiniteDuration()
          ? "-"
          : absl::FormatDuration(t.first_wrong_after).c_str());
  if (evidence.kind != EvidenceKind::kClean) {
    std::printf("     %s\n", evidence.how.c_str());
  }
}

}  // namespace

absl::StatusOr<Conclusion> AuditCommand(const Arguments& arguments) {
  absl::StatusOr<Variant> variant = VariantFromFlags();
  if (!variant.ok()) return variant.status();
  absl::StatusOr<HammerOptions> hammer = HammerOptionsFromFlags();
  if (!hammer.ok()) return hammer.status();
  absl::StatusOr<int> runs_flag = RunsFromFlags(arguments, 1);
  if (!runs_flag.ok()) return runs_flag.status();
  const int runs = *runs_flag;
  absl::StatusOr<absl::Duration> timeout = TimeoutFromFlags();
  if (!timeout.ok()) return timeout.status();
  absl::StatusOr<std::string> self = SelfExecutablePath();
  if (!self.ok()) return self.status();
  absl::StatusOr<TransportOptions> transport = TransportOptionsFromFlags();
  if (!transport.ok()) return transport.status();
  AuditOptions options;
  options.tool_path = *self;
  options.extra_args = TransportArgs(*transport);
  options.variant = *variant;
  options.threads = hammer->threads;
  options.iterations = hammer->iterations;
  options.timeout = *timeout;
  // Ctrl-C stops the running child; the rows printed so far stand.
  InterruptScope interrupt_scope;
  options.cancel = &InterruptScope::Interrupted();
  if (IsTsanBuild()) {
    std::fprintf(stderr,
                 "racelab audit: note: this is a TSan build; the audit is "
                 "meant for a build with nothing watching\n");
  }
  std::printf(
      "audit: %s, %d threads x %lld requests, %d run(s), watchdog %s, "
      "transport %s%s\n",
      std::string(VariantName(*variant)).c_str(), options.threads,
      static_cast<long long>(options.iterations), runs,
      absl::FormatDuration(options.timeout).c_str(),
      std::string(TransportKindName(transport->kind)).c_str(),
      transport->kind == TransportKind::kHttp
          ? absl::StrCat(", handles ", HandlesName(transport->handles)).c_str()
          : "");
  std::printf("%-4s %-14s %-34s %9s %9s %10s %13s %14s %11s %9s %16s\n", "run",
              "evidence", "process end", "requests", "ok", "wrong_item",
              "sign_rejected", "missing_params", "other_error", "exception",
              "first wrong");
  std::fflush(stdout);  // the header shows before the first run ends
  int clean_runs = 0, damaged_runs = 0;
  for (int run = 1; run <= runs; ++run) {
    absl::StatusOr<AuditResult> result = RunAudit(options);
    if (!result.ok()) return result.status();
    if (result->child.cancelled) {
      std::printf(
          "interrupted during run %d: %d clean run(s), %d showing "
          "damage before it\n",
          run, clean_runs, damaged_runs);
      return Conclusion::kInterrupted;
    }
    const Evidence evidence = result->Classify();
    PrintAuditRow(run, *result, evidence);
    std::fflush(stdout);
    evidence.kind == EvidenceKind::kClean ? ++clean_runs : ++damaged_runs;
  }
  std::printf(
      "%d clean run(s), %d showing damage (a report, a crash, an "
      "abort, a hang or wrong results)\n",
      clean_runs, damaged_runs);
  // The buggy variants, or the shared CURL handle under any variant, are
  // expected to show damage; a fix must never.
  const bool buggy =
      !IsFix(*variant) || (transport->kind == TransportKind::kHttp &&
                           transport->handles == Handles::kShared);
  return (buggy ? damaged_runs > 0 : damaged_runs == 0)
             ? Conclusion::kAsExpected
             : Conclusion::kNotAsExpected;
}

}  // namespace racelab
