// detectors/evidence.h
//
// Evidence: what one child run proves, read from what the tools PRINTED,
// never from the exit code alone. Under ThreadSanitizer a race report,
// TSan's own SEGV handler and a TSan CHECK failure all end with exit 66
// (halt_on_error, exitcode=66); only the text tells them apart, and they
// mean different things:
//
//   - a tool report (TSan, the Go-style map guard, Helgrind/DRD) proves the
//     detector is alive: it saw the race and said so;
//   - a crash, an abort, a hang or wrong results is evidence of the BUG,
//     but not of a live detector: the racy program destroyed itself (or
//     its answers) before or without any report.
//
// Every verdict, matrix cell and audit row in racelab is classified here,
// so `how` always names what really happened. Thread-safe (pure functions).

#ifndef RACELAB_DETECTORS_EVIDENCE_H_
#define RACELAB_DETECTORS_EVIDENCE_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/child_process.h"
#include "base/enum_table.h"

namespace racelab {

// The --error-exitcode racelab gives Valgrind (matrix, tests): Valgrind
// exits with it when it counted an error.
inline constexpr int kValgrindErrorExitCode = 9;

// In order of precedence: when a run shows several (a TSan report and then
// a crash in another thread, wrong results and then a SIGSEGV), the first
// one listed here is the run's evidence.
enum class EvidenceKind {
  kTsanReport,      // "WARNING: ThreadSanitizer: <kind>"
  kGuardReport,     // a Go-style guard's "fatal error: concurrent ...": the
                    // map guard's, or the CURL handle guard's
  kValgrindReport,  // Helgrind/DRD: "Possible data race", "Conflicting ..."
  kStaticReport,    // clang's -Wthread-safety rejected the code (a compile)
  kTsanCrash,       // crashed under TSan before any report: TSan's
                    // DEADLYSIGNAL handler (SEGV, ...) or a TSan CHECK
  kHang,            // still running at the time limit; killed
  kAbort,           // SIGABRT: an assertion, glibc's heap checks, terminate
  kCrash,           // another fatal signal: SIGSEGV, SIGILL (hardened
                    // abseil traps a corrupted table with it), SIGBUS
  kWrongResults,    // ended normally with wrong results
  kNotLinearizable,  // MayShare's history check: results that no
                     // one-at-a-time order of the same calls gives (a race
                     // condition, possibly with no data race)
  kFailedExit,      // exited non-zero with none of the above
  kClean,           // exit 0, no report, every result right
};
inline constexpr EnumTable<EvidenceKind, 12> kEvidenceKindTable(
    "evidence kind",
    {{{EvidenceKind::kTsanReport, "tsan_report", "a ThreadSanitizer report"},
      {EvidenceKind::kGuardReport, "guard_report",
       "a Go-style guard's fatal error (map or CURL handle)"},
      {EvidenceKind::kValgrindReport, "valgrind_report",
       "a Helgrind or DRD report"},
      {EvidenceKind::kStaticReport, "static_report",
       "a -Wthread-safety compile error"},
      {EvidenceKind::kTsanCrash, "tsan_crash",
       "died under TSan before any report (SEGV handler, CHECK)"},
      {EvidenceKind::kHang, "hang", "killed at the time limit"},
      {EvidenceKind::kAbort, "abort", "SIGABRT"},
      {EvidenceKind::kCrash, "crash", "another fatal signal"},
      {EvidenceKind::kWrongResults, "wrong_results",
       "ended normally with wrong results"},
      {EvidenceKind::kNotLinearizable, "not_linearizable",
       "results no one-at-a-time order of the same calls gives"},
      {EvidenceKind::kFailedExit, "failed_exit",
       "exited non-zero with nothing else to show"},
      {EvidenceKind::kClean, "clean",
       "exit 0, no report, every result right"}}});
inline constexpr std::array<EvidenceKind, 12> kAllEvidenceKinds =
    kEvidenceKindTable.Values();

// "tsan_report", "guard_report", ..., "clean": stable names for reports and
// JSON.
constexpr absl::string_view EvidenceKindName(EvidenceKind kind) {
  return kEvidenceKindTable.Name(kind);
}
inline absl::StatusOr<EvidenceKind> ParseEvidenceKind(absl::string_view name) {
  return kEvidenceKindTable.Parse(name);
}

// True for the kinds that prove a detector saw the race: a tool report, or
// the history check's (MayShare's, on results no order explains).
bool ProvesDetectorAlive(EvidenceKind kind);

// True for every kind but kClean and kFailedExit: the run shows the bug
// (a report, a crash, a hang or wrong answers).
bool ShowsTheBug(EvidenceKind kind);

struct Evidence {
  EvidenceKind kind = EvidenceKind::kClean;
  // One line naming what happened, e.g. "TSan report: data race",
  // "TSan crash: SEGV on unknown address (basic_string.h:234:28)",
  // "abort: raw_hash_set.h:1031: ... Assertion ... failed",
  // "crash: signal 11 (Segmentation fault)", "hang: killed after 2m",
  // "wrong results: 37 of 16000".
  std::string how;
  // For a tool report: what the tool called it ("data race",
  // "heap-use-after-free", "lock-order-inversion (potential deadlock)",
  // "concurrent map writes", "Possible data race ..."). Empty otherwise.
  std::string report_kind;
  // The line of output the classification rests on (empty for signals,
  // hangs and wrong results, whose evidence is the process's end).
  std::string key_line;
};

// What the run's results said, when the caller knows them (the hammer's
// result line or the audit's tally); `wrong` < 0 means unknown.
struct ResultCounts {
  int64_t requests = 0;
  int64_t wrong = -1;
};

// Classifies one finished child from its output and end. A cancelled child
// (RunChild's `cancel`) is kFailedExit with how = "cancelled".
Evidence ClassifyRun(const ChildResult& child, ResultCounts results = {});

}  // namespace racelab

#endif  // RACELAB_DETECTORS_EVIDENCE_H_
