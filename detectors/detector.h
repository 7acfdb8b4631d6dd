// detectors/detector.h
//
// The detectors racelab measures, each described ONCE here: its name, how
// a run under it is started (which racelab binary, under which wrapper, at
// which load), what makes it available, and which evidence means it caught
// the race (detectors/evidence.h). The matrix (experiments/matrix.h) only loops
// over them. Adding a detector means one entry in detector.cc, plus its
// tests. Thread-safe (immutable tables and pure functions).

#ifndef RACELAB_DETECTORS_DETECTOR_H_
#define RACELAB_DETECTORS_DETECTOR_H_

#include <array>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/enum_table.h"
#include "detectors/evidence.h"

namespace racelab {

enum class Detector {
  kTsan,
  kGuard,
  kAudit,
  kHelgrind,
  kDrd,
  kStatic,
  kHistory,
};
inline constexpr EnumTable<Detector, 7> kDetectorTable(
    "detector",
    {{{Detector::kTsan, "tsan",
       "ThreadSanitizer build of racelab (halts at the first report)"},
      {Detector::kGuard, "guard",
       "racelab_guard, the Go-style map guard (fatal error + abort)"},
      {Detector::kAudit, "audit",
       "the native build, nothing watching: wrong results or a crash"},
      {Detector::kHelgrind, "helgrind",
       "Valgrind's Helgrind on the native build"},
      {Detector::kDrd, "drd", "Valgrind's DRD on the native build"},
      {Detector::kStatic, "static",
       "clang -Wthread-safety on the variant's annotated source"},
      {Detector::kHistory, "history",
       "racelab_history: MayShare's history check on the variant's service, "
       "native build (results no one-at-a-time order gives)"}}});
inline constexpr std::array<Detector, 7> kAllDetectors =
    kDetectorTable.Values();

constexpr absl::string_view DetectorName(Detector detector) {
  return kDetectorTable.Name(detector);
}
inline absl::StatusOr<Detector> ParseDetector(absl::string_view name) {
  return kDetectorTable.Parse(name);
}

// Where the tools are; an empty path makes the detectors that need it
// unavailable.
struct DetectorTools {
  std::string native_tool;         // racelab, no sanitizer, no guard
  std::string tsan_tool;           // racelab from the tsan preset
  std::string guard_tool;          // racelab_guard
  std::string valgrind;            // "valgrind" if installed
  std::string suppressions;        // detectors/valgrind.supp
  std::string clang;               // clang++ for the static check
  std::string source_dir;          // racelab's sources, for the static check
  std::string unavailable_static;  // why the static check cannot run
  std::string history_tool;        // racelab_history, native build
};

// How one run under a detector is started.
struct DetectorLaunch {
  std::string tool;                  // the racelab binary to run
  std::vector<std::string> wrapper;  // e.g. {"valgrind", "--tool=drd", ...}
  std::string stderr_marker;         // when it first speaks (for timing)
  bool valgrind_load = false;        // use the (smaller) Valgrind load
};

// Why `detector` cannot run with these tools; "" if it can.
std::string DetectorUnavailable(Detector detector, const DetectorTools& tools);

// How to run the hammer under `detector`. REQUIRES: detector != kStatic
// (a compile, see StaticCheckCommand) and DetectorUnavailable() is "".
DetectorLaunch LaunchFor(Detector detector, const DetectorTools& tools);

// The compile that is the static check of `source` (relative to
// tools.source_dir).
std::vector<std::string> StaticCheckCommand(const DetectorTools& tools,
                                            absl::string_view source);

// Whether a run with this evidence counts as `detector` catching the race:
// its own report (a TSan crash exits 66 too, but proves the bug, not the
// detector); for audit, which watches nothing, any damage.
bool Caught(Detector detector, EvidenceKind evidence);

}  // namespace racelab

#endif  // RACELAB_DETECTORS_DETECTOR_H_
