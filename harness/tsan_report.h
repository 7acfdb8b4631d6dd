// harness/tsan_report.h
//
// SummarizeTsanOutput(): pulls the lines a person needs out of a
// ThreadSanitizer report (the warning, each conflicting access with its top
// frames, the summary), so a verdict can show the race in a dozen lines.

#ifndef RACELAB_HARNESS_TSAN_REPORT_H_
#define RACELAB_HARNESS_TSAN_REPORT_H_

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

namespace racelab {

struct TsanReportSummary {
  int reports = 0;  // "WARNING: ThreadSanitizer:" lines
  std::vector<std::string> key_lines;
  // True if a reported stack names Params::DeepCopy or HttpApp::SetParams /
  // Params::Set, the seed's two sides of the race.
  bool names_seed_race = false;
};

// `frames_per_access` is how many stack frames to keep under each access.
// Thread-safe.
TsanReportSummary SummarizeTsanOutput(absl::string_view stderr_text,
                                      int frames_per_access = 4);

}  // namespace racelab

#endif  // RACELAB_HARNESS_TSAN_REPORT_H_
