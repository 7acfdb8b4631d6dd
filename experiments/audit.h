// experiments/audit.h
//
// The corruption audit: what the shared-client bug does when nothing is
// watching. A variant is hammered in a child process with no sanitizer and
// no guard; every request is classified from the router's point of view as
// it finishes (ok, another caller's item, sign rejected, parameters
// drained, ...) into a SharedTally, so the counts survive however the child
// ends: exit, SIGSEGV, SIGABRT, SIGILL, or a hang killed by the watchdog.

#ifndef RACELAB_EXPERIMENTS_AUDIT_H_
#define RACELAB_EXPERIMENTS_AUDIT_H_

#include <atomic>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/child_process.h"
#include "detectors/evidence.h"
#include "load/shared_tally.h"
#include "variants/variants.h"

namespace racelab {

struct AuditOptions {
  std::string tool_path;  // a racelab binary without sanitizer or guard
  Variant variant = Variant::kSharedUnsafe;
  int threads = 8;
  int64_t iterations = 2000;                   // per thread
  absl::Duration timeout = absl::Seconds(60);  // the watchdog
  std::string scratch_dir = "/tmp";            // where the tally file lives
  // Run the tool under this command, e.g. {"valgrind", "--tool=drd"}.
  std::vector<std::string> wrapper;
  // Record when this text first appears on the child's stderr.
  std::string stderr_marker;
  // If set and it becomes true, the child is killed (RunChild's cancel).
  const std::atomic<bool>* cancel = nullptr;
  // More arguments for `racelab hammer`, e.g. {"--schedule=seed"}.
  std::vector<std::string> extra_args;
};

struct AuditResult {
  ChildResult child;
  SharedTally::Totals totals;

  int64_t wrong() const {
    return totals.requests - totals.counts[static_cast<int>(Outcome::kOk)];
  }
  // What the run shows, from the child's output and end and the tally's
  // counts (detectors/evidence.h).
  Evidence Classify() const {
    return ClassifyRun(child, {.requests = totals.requests, .wrong = wrong()});
  }
  // A run is clean if it exited 0, printed no report and every request was
  // ok.
  bool clean() const { return Classify().kind == EvidenceKind::kClean; }
  // From the hammer's release to the stderr marker (if it appeared) or else
  // to the child's end; InfiniteDuration() if the hammer never started.
  absl::Duration MarkerAfterStart() const;
};

// RunAudit() runs one audited child. Returns an error only if the run could
// not be made (no tally file, child not started). Thread-safe.
absl::StatusOr<AuditResult> RunAudit(const AuditOptions& options);

}  // namespace racelab

#endif  // RACELAB_EXPERIMENTS_AUDIT_H_
