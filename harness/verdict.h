// harness/verdict.h
//
// The verdict run behind `racelab verdict` (and scripts/run), built to be
// deterministic in CI. Each row is one child process, classified by what it
// printed (harness/evidence.h):
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
//   fix       every fix under the same plain load: MUST be clean.

#ifndef RACELAB_HARNESS_VERDICT_H_
#define RACELAB_HARNESS_VERDICT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "harness/hammer.h"
#include "harness/variants.h"

namespace racelab {

// True when this binary was built with -fsanitize=thread.
bool IsTsanBuild();

// HammerResultLine() is the one machine-readable line `racelab hammer`
// prints: "racelab-result variant=NAME requests=N ok=N wrong_item=N ...".
std::string HammerResultLine(Variant variant, const HammerReport& report);

// ParseHammerResultLine() finds that line in a child's stdout.
// Returns NotFound if there is none (e.g. the child died first).
absl::StatusOr<HammerReport> ParseHammerResultLine(
    absl::string_view stdout_text);

struct VerdictOptions {
  std::string tool_path;  // the racelab binary to run children from
  int threads = 8;
  int64_t iterations = 2000;
  absl::Duration timeout = absl::Seconds(120);  // per child
  std::string out_dir = "out";
  std::string report_name = "verdict.md";
};

// RunVerdict() runs the verdict and writes <out_dir>/<report_name> (rewritten
// atomically after each row, so an interrupted run keeps what it had). On
// SIGINT or SIGTERM it kills the running child and returns 130, leaving the
// report with the rows finished so far, marked incomplete. Returns the
// process exit code: 0 if the liveness row and every fix are as expected
// (the stress row never fails it), 1 if not, 2 if the run itself could not
// be done (bad options, I/O), 130 if interrupted.
int RunVerdict(const VerdictOptions& options);

}  // namespace racelab

#endif  // RACELAB_HARNESS_VERDICT_H_
