// experiments/verdict.h
//
// The verdict run behind `racelab verdict` (and scripts/run), built to be
// deterministic in CI. Each row is one child process, classified by what it
// printed (detectors/evidence.h):
//
//   liveness  the buggy client in the seed's interleaving, forced (2
//             threads, one request each). TSan build: spin forcing, which
//             TSan MUST report as a data race in the seed's code; this is
//             what proves the detector alive, on every run. Native build:
//             mutex forcing, which MUST give the seed's wrong results.
//   stress    the buggy client under the plain load (threads x iterations,
//             released together). Measured, never pass/fail: under TSan
//             the corrupted hash table may crash the process before TSan
//             reports (a TSan crash is evidence of the bug, not of a live
//             detector); `racelab matrix` measures the rate.
//   race_condition
//             the tempting wrong fix (locked_fields: every field of the
//             shared client locked) in the seed's interleaving, forced
//             between its locked steps (2 threads, one request each). MUST
//             give wrong results with NO data race reported: what only
//             results or a history can show.
//   fix       every fix under the same plain load: MUST be clean.

#ifndef RACELAB_EXPERIMENTS_VERDICT_H_
#define RACELAB_EXPERIMENTS_VERDICT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "base/build_info.h"
#include "base/enum_table.h"
#include "detectors/evidence.h"
#include "load/hammer.h"
#include "variants/result_line.h"
#include "variants/variants.h"

namespace racelab {

struct VerdictOptions {
  std::string tool_path;  // the racelab binary to run children from
  // Appended to every child's command line (--transport=http ...).
  std::vector<std::string> child_args;
  int threads = 8;
  int64_t iterations = 2000;
  absl::Duration timeout = absl::Seconds(120);  // per child
  std::string out_dir = "out";
  std::string report_name = "verdict.md";
};

// What a row is for (see above).
enum class VerdictRole { kLiveness, kStress, kRaceCondition, kFix };
inline constexpr EnumTable<VerdictRole, 4> kVerdictRoleTable(
    "verdict role",
    {{{VerdictRole::kLiveness, "liveness",
       "the forced seed: proves the detector alive"},
      {VerdictRole::kStress, "stress",
       "the buggy client under the plain load: measured"},
      {VerdictRole::kRaceCondition, "race_condition",
       "the tempting wrong fix, forced: data-race detectors silent, results "
       "wrong"},
      {VerdictRole::kFix, "fix",
       "a fix under the plain load: must be clean"}}});
constexpr absl::string_view VerdictRoleName(VerdictRole role) {
  return kVerdictRoleTable.Name(role);
}

struct VerdictJudgement {
  bool as_expected = false;
  std::string verdict;  // "DETECTOR ALIVE: ...", "measured: ...", "clean"
};

// Judges one row from its evidence. `names_seed_race`: the TSan report's
// stacks name the seed's code (DeepCopy/SetParams/Params::Set).
VerdictJudgement JudgeVerdictRow(VerdictRole role, bool tsan_build,
                                 const Evidence& evidence,
                                 bool names_seed_race);

struct VerdictResult {
  // The liveness row and every fix as expected (the stress row never fails
  // it).
  bool as_expected = false;
  // SIGINT or SIGTERM arrived: the running child was killed and the report
  // keeps the rows finished so far, marked incomplete.
  bool interrupted = false;
  std::string report_path;
  std::string markdown;  // the report as written
};

// RunVerdict() runs the verdict, printing progress to stderr, and writes
// <out_dir>/<report_name> (rewritten atomically after each row, so an
// interrupted run keeps what it had). Returns an error only if the run
// could not be done (a child not started, the report not written).
absl::StatusOr<VerdictResult> RunVerdict(const VerdictOptions& options);

}  // namespace racelab

#endif  // RACELAB_EXPERIMENTS_VERDICT_H_
