// experiments/verdict.cc

#include "experiments/verdict.h"

#include <cstdio>
#include <filesystem>
#include <vector>

#include "absl/base/config.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/atomic_file.h"
#include "base/child_process.h"
#include "base/interrupt.h"
#include "detectors/evidence.h"
#include "detectors/tsan_report.h"
#include "experiments/child_log.h"
#include "experiments/verdict_report.h"
#include "nlohmann/json.hpp"

namespace racelab {
namespace {

// The liveness row's forcing: spin keeps TSan able to see the race; mutex
// is race-free and deterministic, for a build where nothing watches.
absl::string_view LivenessForcing() { return IsTsanBuild() ? "spin" : "mutex"; }

std::vector<VerdictRow> PlanRows(const VerdictOptions& options) {
  std::vector<VerdictRow> rows;
  const std::string plain_load =
      absl::StrCat(options.threads, " x ", options.iterations);
  auto hammer = [&](Variant variant, VerdictRole role) {
    VerdictRow row;
    row.variant = variant;
    row.role = role;
    row.argv = {options.tool_path, "hammer",
                absl::StrCat("--variant=", VariantName(variant))};
    if (role == VerdictRole::kLiveness || role == VerdictRole::kRaceCondition) {
      row.load = absl::StrCat("forced seed (", LivenessForcing(), ")");
      row.argv.insert(row.argv.end(),
                      {"--threads=2", "--iterations=1", "--schedule=seed",
                       absl::StrCat("--forcing=", LivenessForcing())});
    } else {
      row.load = plain_load;
      row.argv.insert(row.argv.end(),
                      {absl::StrCat("--threads=", options.threads),
                       absl::StrCat("--iterations=", options.iterations)});
    }
    row.argv.insert(row.argv.end(), options.child_args.begin(),
                    options.child_args.end());
    rows.push_back(std::move(row));
  };
  hammer(Variant::kSharedUnsafe, VerdictRole::kLiveness);
  hammer(Variant::kSharedUnsafe, VerdictRole::kStress);
  hammer(Variant::kLockedFields, VerdictRole::kRaceCondition);
  for (Variant variant : kFixedVariants) hammer(variant, VerdictRole::kFix);
  return rows;
}

void Judge(VerdictRow& row) {
  const VerdictJudgement judged = JudgeVerdictRow(
      row.role, IsTsanBuild(), row.evidence, row.tsan.names_seed_race);
  row.as_expected = judged.as_expected;
  row.verdict = judged.verdict;
}

// Keeps a child's raw output: <out>/logs/<report stem>/<variant>-<role>.log
// (stderr, then stdout). Returns the path relative to the out dir.
absl::StatusOr<std::string> WriteRowLog(const VerdictOptions& options,
                                        const VerdictRow& row) {
  const std::string stem =
      std::filesystem::path(options.report_name).stem().string();
  return KeepChildLog(options.out_dir,
                      absl::StrCat("logs/", stem, "/", VariantName(row.variant),
                                   "-", VerdictRoleName(row.role), ".log"),
                      row.argv, row.child);
}

}  // namespace

VerdictJudgement JudgeVerdictRow(VerdictRole role, bool tsan_build,
                                 const Evidence& e, bool names_seed_race) {
  VerdictJudgement row;
  switch (role) {
    case VerdictRole::kLiveness:
      if (tsan_build) {
        // The forced seed must be REPORTED: a crash would prove the bug,
        // not the detector.
        row.as_expected = e.kind == EvidenceKind::kTsanReport &&
                          e.report_kind == "data race" && names_seed_race;
        row.verdict = row.as_expected
                          ? "DETECTOR ALIVE: TSan reported the seed's race "
                            "(DeepCopy/SetParams)"
                          : absl::StrCat("NOT AS EXPECTED: ", e.how,
                                         " (TSan must report the forced seed "
                                         "race in DeepCopy/SetParams)");
      } else {
        row.as_expected = e.kind == EvidenceKind::kWrongResults;
        row.verdict =
            row.as_expected
                ? absl::StrCat("BUG SHOWN: ", e.how,
                               " (the seed's damage, forced)")
                : absl::StrCat("NOT AS EXPECTED: ", e.how,
                               " (the forced seed must give wrong results)");
      }
      return row;
    case VerdictRole::kStress:
      // Measured, never pass/fail (verdict.h).
      row.as_expected = true;
      row.verdict = absl::StrCat(
          "measured: ", e.how,
          ProvesDetectorAlive(e.kind) ? ""
          : ShowsTheBug(e.kind)
              ? tsan_build ? " (evidence of the bug, NOT of a live detector)"
                           : " (the race, with nothing watching)"
              : " (no symptom this run: luck, not safety)");
      return row;
    case VerdictRole::kRaceCondition:
      // Every access is locked: a TSan report would be a data race the
      // exhibit should not have; a crash, damage it cannot do. Only wrong
      // results are the race condition.
      row.as_expected = e.kind == EvidenceKind::kWrongResults;
      row.verdict =
          row.as_expected
              ? absl::StrCat("RACE CONDITION SHOWN: ", e.how,
                             tsan_build ? "; ThreadSanitizer silent (no data "
                                          "race: every access is locked)"
                                        : "")
              : absl::StrCat("NOT AS EXPECTED: ", e.how,
                             " (the forced interleaving must give wrong "
                             "results and no data-race report)");
      return row;
    case VerdictRole::kFix:
      row.as_expected = e.kind == EvidenceKind::kClean;
      row.verdict = row.as_expected ? "clean" : absl::StrCat("FAILED: ", e.how);
      return row;
  }
  return row;
}

absl::StatusOr<VerdictResult> RunVerdict(const VerdictOptions& options) {
  VerdictResult result;
  result.report_path =
      (std::filesystem::path(options.out_dir) / options.report_name).string();
  std::vector<VerdictRow> planned = PlanRows(options);
  std::vector<VerdictRow> rows;
  InterruptScope interrupt_scope;
  int index = 0;
  for (VerdictRow& row : planned) {
    std::fprintf(stderr, "[%d/%zu] %s (%s): %s ...\n", ++index, planned.size(),
                 std::string(VariantName(row.variant)).c_str(),
                 std::string(VerdictRoleName(row.role)).c_str(),
                 row.load.c_str());
    absl::StatusOr<ChildResult> child =
        RunChild(row.argv, {.timeout = options.timeout,
                            .cancel = &InterruptScope::Interrupted(),
                            .stderr_marker = "WARNING: ThreadSanitizer:"});
    if (!child.ok()) return child.status();
    if (child->cancelled) {
      std::fprintf(stderr,
                   "racelab: interrupted; the report keeps the %zu finished "
                   "row(s): %s\n",
                   rows.size(), result.report_path.c_str());
      result.interrupted = true;
      if (absl::Status s = WriteVerdictReports(options, result.report_path,
                                               rows, false, &result.markdown);
          !s.ok()) {
        return s;
      }
      return result;
    }
    row.child = *std::move(child);
    row.report = ParseHammerResultLine(row.child.stdout_text);
    ResultCounts results;
    if (row.report.ok()) results = {row.report->requests, row.report->wrong()};
    row.tsan = SummarizeTsanOutput(row.child.stderr_text);
    row.evidence = ClassifyRun(row.child, results);
    Judge(row);
    absl::StatusOr<std::string> log = WriteRowLog(options, row);
    if (!log.ok()) return log.status();
    row.log = *log;
    std::fprintf(stderr, "      %s (%s, %s)\n", row.verdict.c_str(),
                 row.child.Describe().c_str(),
                 absl::FormatDuration(row.child.wall).c_str());
    rows.push_back(std::move(row));
    std::string partial;
    if (absl::Status s = WriteVerdictReports(options, result.report_path, rows,
                                             false, &partial);
        !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = WriteVerdictReports(options, result.report_path, rows,
                                           true, &result.markdown);
      !s.ok()) {
    return s;
  }
  result.as_expected = true;
  for (const VerdictRow& row : rows) result.as_expected &= row.as_expected;
  return result;
}

}  // namespace racelab
