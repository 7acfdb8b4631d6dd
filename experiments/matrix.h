// experiments/matrix.h
//
// The detection matrix behind `racelab matrix`: for every variant x
// detector, N child processes each with a time limit, recording whether the
// race was detected, how, how long after the hammer's start, and what the
// watching cost in wall time. Detectors:
//
//   tsan      ThreadSanitizer build of racelab (halts at the first report)
//   guard     racelab_guard, the Go-style map guard (fatal error + abort)
//   audit     the native build, nothing watching: wrong results or a crash
//   helgrind  Valgrind's Helgrind on the native build
//   drd       Valgrind's DRD on the native build
//   static    clang -Wthread-safety on the variant's annotated source
//
// Every run is classified by what it printed (detectors/evidence.h). A run of
// the buggy variant counts as DETECTED only when the detector itself said
// so: a TSan report for tsan (a TSan crash exits 66 too, but proves the bug,
// not the detector), the guard's fatal error for guard, a Valgrind report
// for helgrind/drd; for audit, which watches nothing, any damage counts
// (wrong results, crash, abort, hang). Every cell keeps the outcome split.
//
// The tempting wrong fix (locked_fields) has no data race: every detector
// of data races (tsan, guard, helgrind, drd, static) must stay silent on
// it, and only the audit sees it, by its wrong results.
//
// Expected: every fix clean under every detector, and with --schedule=seed
// (liveness: the forced seed interleaving) the buggy variant detected in
// every run. Under the plain hammer the buggy variant's cells are MEASURED
// rates, never pass/fail: whether its threads overlap, and whether the
// corrupted table kills the process before a report, is up to the
// scheduler. A detector that cannot run here (no TSan build, Valgrind
// missing, g++ instead of clang) is marked unavailable with the reason,
// never counted as a pass.

#ifndef RACELAB_EXPERIMENTS_MATRIX_H_
#define RACELAB_EXPERIMENTS_MATRIX_H_

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "detectors/detector.h"
#include "detectors/evidence.h"
#include "variants/variants.h"

namespace racelab {

struct MatrixOptions {
  int runs = 20;
  std::string out_dir = "out";
  std::vector<Variant> variants = {kAllVariants.begin(), kAllVariants.end()};
  std::vector<Detector> detectors = {kAllDetectors.begin(),
                                     kAllDetectors.end()};
  int threads = 8;            // load for tsan, guard, audit
  int64_t iterations = 2000;  // per thread
  int valgrind_threads = 4;   // load under Valgrind (~100x slower)
  int64_t valgrind_iterations = 50;
  // If "seed": every run of the buggy variant is the forced seed
  // interleaving (2 threads, one request each, spin forcing), so each
  // detector faces the same race deterministically. Empty: the plain hammer,
  // where whether the threads overlap is up to the scheduler (Valgrind runs
  // one thread at a time, which makes its detection a matter of luck).
  std::string buggy_schedule;
  absl::Duration timeout = absl::Seconds(120);  // per child
  // The TSAN_OPTIONS the children inherit (e.g. history_size=7), recorded
  // in the reports; empty: the defaults compiled into racelab.
  std::string tsan_options_env;
  DetectorTools tools;
  // The source the static check compiles for each variant, relative to
  // tools.source_dir, as each exhibit declares it in its own CMakeLists.txt
  // (racelab_static_check_source). A variant without one has no static
  // cell to run: it is reported unavailable.
  std::vector<std::pair<Variant, std::string>> static_sources;

  // --shard=I/N: this process runs only every N-th run of the matrix,
  // starting at the I-th (0-based), numbering the runs over all cells in
  // order; `racelab merge` combines the N shards' matrix.json into the
  // matrix one process would have written. Run k of a cell always hammers
  // with seed k, so a sharded campaign makes the same choices as an
  // unsharded one (the OS scheduler aside).
  int shard_index = 0;
  int shard_count = 1;
  // What built the tools (BuildIdentity()); merge refuses shards whose
  // builds differ.
  std::string build;

  // The static-check source declared for `variant`, or "".
  std::string StaticSourceFor(Variant variant) const;
  // Whether this process runs the matrix's `unit`-th run (0-based, over all
  // cells in order).
  bool InShard(int unit) const { return unit % shard_count == shard_index; }
};

// One child process (or one compile, for static).
struct MatrixRun {
  int index = 0;
  // For the buggy variant: the detector caught it (see above). For a fix:
  // the run was flagged (anything but clean).
  bool detected = false;
  EvidenceKind evidence = EvidenceKind::kClean;
  std::string how;  // Evidence::how: "TSan report: data race", ...
  absl::Duration time_to_detection = absl::InfiniteDuration();
  absl::Duration wall = absl::ZeroDuration();
  std::string process_end;  // ChildResult::Describe()
  int64_t requests = 0;
  int64_t wrong = 0;
  // For a flagged run: the start of the child's stderr, to diagnose it,
  // and the path of its whole output under out_dir (logs/matrix/...).
  std::string stderr_excerpt;
  std::string log;
};

struct MatrixCell {
  Variant variant = Variant::kSharedUnsafe;
  Detector detector = Detector::kTsan;
  std::string unavailable;  // non-empty: why this cell could not run
  std::vector<MatrixRun> runs;
  // A measured rate (the buggy variant under the plain hammer), which never
  // fails the matrix; otherwise a check.
  bool measured = false;
  bool as_expected = false;
  std::string verdict;

  int detections() const;
  // The runs by evidence kind, in kAllEvidenceKinds order, kinds with no
  // run left out.
  std::vector<std::pair<EvidenceKind, int>> OutcomeCounts() const;
  // The same as text: "17 tsan_report, 2 tsan_crash, 1 abort".
  std::string OutcomeSplit() const;
  // Medians over the runs (InfiniteDuration() if none detected).
  absl::Duration MedianTimeToDetection() const;
  absl::Duration MedianWall() const;
};

struct MatrixResult {
  MatrixOptions options;
  std::vector<MatrixCell> cells;
  bool complete = false;     // false while running or if interrupted
  bool interrupted = false;  // SIGINT or SIGTERM stopped it
  // Median wall of the native (audit) runs per variant, at each load; the
  // reference for "cost of watching".
  std::vector<std::pair<Variant, absl::Duration>> native_wall;
  std::vector<std::pair<Variant, absl::Duration>> native_wall_valgrind_load;

  // A check not as expected: a fix flagged, a liveness run missed (never a
  // measured rate, never an unavailable cell).
  bool AnyCheckFailed() const;
  bool AnyUnavailable() const;
};

// Sets cell.as_expected and cell.verdict from its runs (and `measured`,
// `unavailable`): a measured cell is a rate ("measured: 3/5 detected
// (...)") and always as expected; the buggy variant's check must be
// detected in every run; a fix must be flagged in none.
void JudgeMatrixCell(MatrixCell& cell);

// Whether a cell is a measured rate rather than a check: a detector that
// should catch `variant` but is not steered to it (every detector under
// the plain hammer; under --schedule, the history check on a data race,
// which only the free-running hammer before its scenarios catches). The
// history check on a race condition steers itself (its controlled
// scheduler, seeded by the run), and the static check is a compile: both
// are checks when forced.
bool IsMeasuredCell(const MatrixOptions& options, Variant variant,
                    Detector detector);

// Whether `detector` should catch `variant`: the bug under every detector,
// the tempting wrong fix under the audit only, a fix under none.
bool ExpectsDetection(Variant variant, Detector detector);

// RunMatrix() runs it all, printing progress to stderr and rewriting
// <out_dir>/matrix.{md,json,xml} atomically after every cell
// (matrix_report.h). On SIGINT or
// SIGTERM it stops, writes what it finished and returns it with
// `interrupted` set. Returns an error only if the run could not be done (a
// child not started, a report not written).
absl::StatusOr<MatrixResult> RunMatrix(const MatrixOptions& options);

}  // namespace racelab

#endif  // RACELAB_EXPERIMENTS_MATRIX_H_
