// experiments/matrix.cc

#include "experiments/matrix.h"

#include <algorithm>
#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/atomic_file.h"
#include "base/interrupt.h"
#include "experiments/audit.h"
#include "experiments/child_log.h"
#include "experiments/matrix_report.h"

namespace racelab {
namespace {

std::string Unavailable(const MatrixOptions& options, Variant variant,
                        Detector detector) {
  std::string why = DetectorUnavailable(detector, options.tools);
  if (why.empty() && detector == Detector::kStatic &&
      options.StaticSourceFor(variant).empty()) {
    why = absl::StrCat("no static-check source declared for ",
                       VariantName(variant),
                       " (racelab_static_check_source in its CMakeLists.txt)");
  }
  return why;
}

// Keeps a non-clean child's whole output under
// <out_dir>/logs/matrix/<variant>-<detector>-<index>.log; returns that path
// relative to out_dir.
absl::StatusOr<std::string> KeepLog(const MatrixOptions& options,
                                    Variant variant, Detector detector,
                                    int index, const ChildResult& child) {
  return KeepChildLog(options.out_dir,
                      absl::StrCat("logs/matrix/", VariantName(variant), "-",
                                   DetectorName(detector), "-", index, ".log"),
                      {}, child);
}

// One hammer child for `detector`, classified.
absl::StatusOr<MatrixRun> HammerRun(const MatrixOptions& options,
                                    Variant variant, Detector detector,
                                    int index) {
  const DetectorLaunch launch = LaunchFor(detector, options.tools);
  AuditOptions audit;
  audit.variant = variant;
  audit.threads =
      launch.valgrind_load ? options.valgrind_threads : options.threads;
  audit.iterations =
      launch.valgrind_load ? options.valgrind_iterations : options.iterations;
  audit.timeout = options.timeout;
  audit.cancel = &InterruptScope::Interrupted();
  audit.tool_path = launch.tool;
  audit.wrapper = launch.wrapper;
  audit.stderr_marker = launch.stderr_marker;
  // Run k hammers with seed k: a sharded matrix makes the same choices.
  audit.extra_args = {absl::StrCat("--seed=", index)};
  if (!IsFix(variant) && !options.buggy_schedule.empty()) {
    audit.threads = 2;
    audit.iterations = 1;
    audit.extra_args.push_back(
        absl::StrCat("--schedule=", options.buggy_schedule));
  }
  absl::StatusOr<AuditResult> result = RunAudit(audit);
  if (!result.ok()) return result.status();
  MatrixRun run;
  run.index = index;
  run.wall = result->child.wall;
  run.process_end = result->child.Describe();
  run.requests = result->totals.requests;
  run.wrong = result->wrong();
  if (result->child.cancelled) return run;  // the caller stops
  const ChildResult& child = result->child;
  const Evidence evidence =
      ClassifyRun(child, {.requests = run.requests, .wrong = run.wrong});
  run.evidence = evidence.kind;
  run.how = evidence.how;
  if (IsFix(variant)) {
    // A fix must end cleanly under every detector.
    run.detected = evidence.kind != EvidenceKind::kClean;
  } else {
    // The bugs count only the detector's own word. On the tempting wrong
    // fix a data-race detector's report would be a false one (there is no
    // data race); its wrong results are the audit's to count.
    run.detected = Caught(detector, evidence.kind);
    if (run.detected && ExpectsDetection(variant, detector)) {
      run.time_to_detection = detector == Detector::kAudit && run.wrong > 0
                                  ? result->totals.first_wrong_after
                                  : result->MarkerAfterStart();
    }
  }
  // Kept for every run that did not end cleanly (a flagged fix, any
  // outcome of the buggy variant), so a crash can be told from a report by
  // reading it.
  if (evidence.kind != EvidenceKind::kClean) {
    run.stderr_excerpt = child.stderr_text.substr(0, 4000);
    absl::StatusOr<std::string> log =
        KeepLog(options, variant, detector, index, child);
    if (!log.ok()) return log.status();
    run.log = *log;
  }
  return run;
}

// One racelab_history child (cli/history_main.cc): MayShare's check
// on the variant's service. Its evidence is the last line it prints,
// "racelab-history: <kind>: <how>"; a child that died first is classified
// by how it ended.
absl::StatusOr<MatrixRun> HistoryRun(const MatrixOptions& options,
                                     Variant variant, int index) {
  absl::StatusOr<ChildResult> child = RunChild(
      {options.tools.history_tool,
       absl::StrCat("--variant=", VariantName(variant)),
       absl::StrCat("--seed=", index)},
      {.timeout = options.timeout, .cancel = &InterruptScope::Interrupted()});
  if (!child.ok()) return child.status();
  MatrixRun run;
  run.index = index;
  run.wall = child->wall;
  run.process_end = child->Describe();
  if (child->cancelled) return run;
  Evidence evidence = ClassifyRun(*child);
  for (absl::string_view line : absl::StrSplit(child->stdout_text, '\n')) {
    if (!absl::ConsumePrefix(&line, "racelab-history: ")) continue;
    const std::pair<absl::string_view, absl::string_view> kind_how =
        absl::StrSplit(line, absl::MaxSplits(": ", 1));
    if (absl::StatusOr<EvidenceKind> kind = ParseEvidenceKind(kind_how.first);
        kind.ok()) {
      evidence = {*kind, std::string(kind_how.second), "", ""};
    }
  }
  run.evidence = evidence.kind;
  run.how = evidence.how;
  run.detected = IsFix(variant) ? evidence.kind != EvidenceKind::kClean
                                : Caught(Detector::kHistory, evidence.kind);
  if (run.detected) run.time_to_detection = child->wall;
  if (evidence.kind != EvidenceKind::kClean) {
    run.stderr_excerpt = child->stderr_text.substr(0, 4000);
    absl::StatusOr<std::string> log =
        KeepLog(options, variant, Detector::kHistory, index, *child);
    if (!log.ok()) return log.status();
    run.log = *log;
  }
  return run;
}

absl::StatusOr<MatrixRun> StaticRun(const MatrixOptions& options,
                                    Variant variant) {
  absl::StatusOr<ChildResult> child = RunChild(
      StaticCheckCommand(options.tools, options.StaticSourceFor(variant)),
      {.timeout = options.timeout, .cancel = &InterruptScope::Interrupted()});
  if (!child.ok()) return child.status();
  MatrixRun run;
  run.wall = child->wall;
  run.process_end = child->Describe();
  const Evidence evidence = ClassifyRun(*child);
  run.evidence = evidence.kind;
  run.how = evidence.how;
  // The buggy variant must be rejected with a thread-safety error; a fix
  // must compile clean (a compile that fails otherwise counts against it).
  run.detected = IsFix(variant) ? evidence.kind != EvidenceKind::kClean
                                : Caught(Detector::kStatic, evidence.kind);
  if (evidence.kind == EvidenceKind::kStaticReport) {
    run.time_to_detection = absl::ZeroDuration();  // before it ever runs
  }
  if (evidence.kind != EvidenceKind::kClean) {
    absl::StatusOr<std::string> log =
        KeepLog(options, variant, Detector::kStatic, 1, *child);
    if (!log.ok()) return log.status();
    run.log = *log;
  }
  return run;
}

}  // namespace

namespace {

// The native reference at the Valgrind load, for the cost table: one run
// of a fix with nothing watching, when a Valgrind column ran (shard 0).
void AddNativeAtValgrindLoad(const MatrixOptions& options, Variant variant,
                             MatrixResult& result) {
  const bool valgrind_ran = std::any_of(
      options.detectors.begin(), options.detectors.end(), [](Detector d) {
        return d == Detector::kHelgrind || d == Detector::kDrd;
      });
  if (!valgrind_ran || options.tools.native_tool.empty() || !IsFix(variant) ||
      options.shard_index != 0) {
    return;
  }
  AuditOptions native;
  native.tool_path = options.tools.native_tool;
  native.variant = variant;
  native.threads = options.valgrind_threads;
  native.iterations = options.valgrind_iterations;
  native.timeout = options.timeout;
  if (absl::StatusOr<AuditResult> ran = RunAudit(native); ran.ok()) {
    result.native_wall_valgrind_load.emplace_back(variant, ran->child.wall);
  }
}

}  // namespace

absl::StatusOr<MatrixResult> RunMatrix(const MatrixOptions& options) {
  InterruptScope interrupt_scope;
  MatrixResult result;
  result.options = options;
  const int total_cells =
      static_cast<int>(options.variants.size() * options.detectors.size());
  int cell_number = 0;
  int unit = 0;  // the run's number over all cells, for --shard
  for (Variant variant : options.variants) {
    for (Detector detector : options.detectors) {
      MatrixCell cell;
      cell.variant = variant;
      cell.detector = detector;
      cell.unavailable = Unavailable(options, variant, detector);
      cell.measured = IsMeasuredCell(options, variant, detector);
      ++cell_number;
      // The static check is deterministic: once is enough.
      const int runs = detector == Detector::kStatic ? 1 : options.runs;
      std::fprintf(stderr, "[%d/%d] %s x %s: ", cell_number, total_cells,
                   std::string(VariantName(variant)).c_str(),
                   std::string(DetectorName(detector)).c_str());
      for (int i = 1; i <= runs; ++i) {
        const bool mine = options.InShard(unit++);
        if (!cell.unavailable.empty() || !mine) continue;
        absl::StatusOr<MatrixRun> run =
            detector == Detector::kStatic ? StaticRun(options, variant)
            : detector == Detector::kHistory
                ? HistoryRun(options, variant, i)
                : HammerRun(options, variant, detector, i);
        if (!run.ok()) return run.status();
        if (InterruptScope::Interrupted().load()) {
          std::fprintf(stderr,
                       "\nracelab: interrupted; %s keeps the %zu finished "
                       "cell(s)\n",
                       options.out_dir.c_str(), result.cells.size());
          result.complete = false;
          result.interrupted = true;
          if (absl::Status written = WriteMatrixReports(result);
              !written.ok()) {
            return written;
          }
          return result;
        }
        run->index = i;
        std::fputc(run->detected ? 'x' : '.', stderr);
        cell.runs.push_back(*std::move(run));
      }
      JudgeMatrixCell(cell);
      std::fprintf(stderr, " %s\n", cell.verdict.c_str());
      if (detector == Detector::kAudit && !cell.runs.empty()) {
        result.native_wall.emplace_back(variant, cell.MedianWall());
      }
      result.cells.push_back(std::move(cell));
      if (absl::Status written = WriteMatrixReports(result); !written.ok()) {
        return written;
      }
    }
    AddNativeAtValgrindLoad(options, variant, result);
  }
  result.complete = true;
  if (absl::Status written = WriteMatrixReports(result); !written.ok()) {
    return written;
  }
  return result;
}

std::string MatrixOptions::StaticSourceFor(Variant variant) const {
  for (const auto& [declared, source] : static_sources) {
    if (declared == variant) return source;
  }
  return "";
}

bool MatrixResult::AnyCheckFailed() const {
  return std::any_of(cells.begin(), cells.end(), [](const MatrixCell& cell) {
    return cell.unavailable.empty() && !cell.measured && !cell.as_expected;
  });
}

bool MatrixResult::AnyUnavailable() const {
  return std::any_of(cells.begin(), cells.end(), [](const MatrixCell& cell) {
    return !cell.unavailable.empty();
  });
}

}  // namespace racelab
