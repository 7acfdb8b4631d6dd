// detectors/tsan_report.h
//
// SummarizeTsanOutput(): pulls the lines a person needs out of a
// ThreadSanitizer report, so a verdict can show the race in a dozen lines:
// the warning, each conflicting access with its top frames IN RACELAB'S OWN
// CODE (or a user's: FrameFilter), shortened by detectors/tsan_frame.h
// (container and standard-library frames above them are skipped; they
// say where memory was touched, not which program logic raced; a
// third-party library's frame is shown once, cut, and never in place of
// the user's), and the summary's location.

#ifndef RACELAB_DETECTORS_TSAN_REPORT_H_
#define RACELAB_DETECTORS_TSAN_REPORT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace racelab {

struct TsanReportSummary {
  int reports = 0;  // "WARNING: ThreadSanitizer:" lines
  std::vector<std::string> key_lines;
  // True if any reported stack names Params::DeepCopy, HttpApp::SetParams
  // or Params::Set: the seed's two sides of the race.
  bool names_seed_race = false;
  // True if any reported stack is in the shared client's per-request state
  // (repro::HttpApp, repro::Params): the seed's race, or one of its
  // siblings on the same shared App (e.g. Get() writing the method). Which
  // one TSan meets first is a matter of timing.
  bool names_shared_client_state = false;
  // True if the reports' stacks have frames and not one of them has a
  // function name ("#0 <null> <null> (racelab+0x6431d)"): TSan found no
  // llvm-symbolizer. key_lines then starts with kUnsymbolizedReason, so
  // every message built from them says why no code is named.
  bool unsymbolized = false;
  // True if the reports have frames with function names but not one with
  // a file:line, or not one of the frames `filter` keeps has one (the code
  // under test built without debug info, racelab's own frames with it).
  // key_lines then starts with kNoLineNumbersReason.
  bool no_line_numbers = false;
};

// The line that leads an unsymbolized summary: what happened and the fix.
inline constexpr absl::string_view kUnsymbolizedReason =
    "UNSYMBOLIZED: ThreadSanitizer found no llvm-symbolizer, so no frame "
    "names its function. Install Debian's llvm-14 (scripts/setup does), or "
    "set TSAN_OPTIONS=external_symbolizer_path=/usr/lib/llvm-14/bin/"
    "llvm-symbolizer.";

// The line that leads a summary whose frames have no file:line.
inline constexpr absl::string_view kNoLineNumbersReason =
    "NO LINE NUMBERS: no frame of the code under test has a file:line; "
    "build the test and the code it tests with debug information (-g) to "
    "see where.";

// True if `stderr_text` holds a TSan report whose access stacks have frames
// and none of them a function name. Thread-safe.
bool IsUnsymbolizedTsanOutput(absl::string_view stderr_text);

// Which frames of each access's stack are worth showing.
enum class FrameFilter {
  kRacelab,   // racelab's own functions (its exhibits)
  kUserCode,  // anything but the standard library, abseil, racelab's
              // harness and TSan itself: a user's class
};

// `frames_per_access` is how many frames passing `filter` to keep under
// each access. Thread-safe.
TsanReportSummary SummarizeTsanOutput(
    absl::string_view stderr_text, int frames_per_access = 4,
    FrameFilter filter = FrameFilter::kRacelab);

}  // namespace racelab

#endif  // RACELAB_DETECTORS_TSAN_REPORT_H_
