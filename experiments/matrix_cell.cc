// experiments/matrix_cell.cc: one cell of the matrix judged, from its
// runs: whether it is a check or a measured rate, its verdict, its split
// of outcomes and its medians.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "experiments/matrix.h"

namespace racelab {
namespace {

absl::Duration Median(std::vector<absl::Duration> values) {
  if (values.empty()) return absl::InfiniteDuration();
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

bool ExpectsDetection(Variant variant, Detector detector) {
  switch (KindOf(variant)) {
    case VariantKind::kDataRace:
      return true;
    case VariantKind::kRaceCondition:
      // Every access is locked: only the damage shows it, or a history
      // checked against the class.
      return detector == Detector::kAudit || detector == Detector::kHistory;
    case VariantKind::kFix:
      return false;
  }
  return false;
}

bool IsMeasuredCell(const MatrixOptions& options, Variant variant,
                    Detector detector) {
  // The history check runs MayShare's own scenarios, which --schedule does
  // not steer. On a race condition (every access locked) they run under
  // racelab's controlled scheduler with the run's number as the seed, which
  // switches at the variant's pthread calls: the same schedules every time,
  // a check. On a data race there is no lock call to switch at, so what
  // catches it is the hammer before them, free-running: a rate.
  if (detector == Detector::kHistory && !options.buggy_schedule.empty()) {
    return ExpectsDetection(variant, detector) &&
           KindOf(variant) != VariantKind::kRaceCondition;
  }
  return ExpectsDetection(variant, detector) && detector != Detector::kStatic &&
         options.buggy_schedule.empty();
}

void JudgeMatrixCell(MatrixCell& cell) {
  if (!cell.unavailable.empty()) {
    cell.as_expected = false;
    cell.verdict = absl::StrCat("unavailable: ", cell.unavailable);
    return;
  }
  const int n = static_cast<int>(cell.runs.size());
  const int detected = cell.detections();
  const bool expects = ExpectsDetection(cell.variant, cell.detector);
  if (expects && cell.measured) {
    cell.as_expected = true;  // a rate, not a check
    cell.verdict = absl::StrCat(
        "measured: ", cell.detector == Detector::kAudit ? "damage in " : "",
        detected, "/", n, cell.detector == Detector::kAudit ? "" : " detected",
        " (", cell.OutcomeSplit(), ")");
  } else if (expects) {
    cell.as_expected = n > 0 && detected == n;
    cell.verdict = absl::StrCat(
        cell.as_expected ? "detected " : "MISSED: ", detected, "/", n);
    if (!cell.as_expected)
      absl::StrAppend(&cell.verdict, " (", cell.OutcomeSplit(), ")");
  } else {
    cell.as_expected = n > 0 && detected == 0;
    // On the tempting wrong fix, a data-race detector's silence is the
    // finding: there is no data race, and the results are still wrong.
    const bool silent_on_bug = !IsFix(cell.variant);
    cell.verdict =
        cell.as_expected
            ? absl::StrCat(silent_on_bug ? "silent " : "clean ", n, "/", n,
                           silent_on_bug ? " (no data race to see)" : "")
            : absl::StrCat(silent_on_bug ? "REPORTED: " : "FAILED: ", detected,
                           "/", n, " flagged (", cell.OutcomeSplit(), ")");
  }
}

int MatrixCell::detections() const {
  return static_cast<int>(std::count_if(
      runs.begin(), runs.end(), [](const MatrixRun& r) { return r.detected; }));
}

std::vector<std::pair<EvidenceKind, int>> MatrixCell::OutcomeCounts() const {
  std::vector<std::pair<EvidenceKind, int>> counts;
  for (EvidenceKind kind : kAllEvidenceKinds) {
    const int count = static_cast<int>(std::count_if(
        runs.begin(), runs.end(),
        [kind](const MatrixRun& r) { return r.evidence == kind; }));
    if (count > 0) counts.emplace_back(kind, count);
  }
  return counts;
}

std::string MatrixCell::OutcomeSplit() const {
  const std::vector<std::pair<EvidenceKind, int>> counts = OutcomeCounts();
  if (counts.empty()) return "no runs";
  return absl::StrJoin(counts, ", ", [](std::string* out, const auto& c) {
    absl::StrAppend(out, c.second, " ", EvidenceKindName(c.first));
  });
}

absl::Duration MatrixCell::MedianTimeToDetection() const {
  std::vector<absl::Duration> times;
  for (const MatrixRun& run : runs) {
    if (run.detected && run.time_to_detection != absl::InfiniteDuration()) {
      times.push_back(run.time_to_detection);
    }
  }
  return Median(std::move(times));
}

absl::Duration MatrixCell::MedianWall() const {
  std::vector<absl::Duration> walls;
  for (const MatrixRun& run : runs) walls.push_back(run.wall);
  return Median(std::move(walls));
}

}  // namespace racelab
