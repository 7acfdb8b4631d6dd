// experiments/verdict_report.h
//
// The verdict's reports, one format per file, as every experiment's
// (experiments/matrix_report.h): Markdown for a person
// (verdict_markdown.cc), JSON for a program and the HTML report
// (verdict_json.cc), and the writer of both (verdict_report.cc).
// Thread-safe (pure functions), except the writer, which replaces files.

#ifndef RACELAB_EXPERIMENTS_VERDICT_REPORT_H_
#define RACELAB_EXPERIMENTS_VERDICT_REPORT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/child_process.h"
#include "detectors/evidence.h"
#include "detectors/tsan_report.h"
#include "experiments/verdict.h"

namespace racelab {

// One child process's row in the verdict.
struct VerdictRow {
  Variant variant = Variant::kSharedUnsafe;
  VerdictRole role = VerdictRole::kFix;
  std::string load;  // "forced seed (spin)", "8 x 2000"
  std::vector<std::string> argv;
  ChildResult child;
  absl::StatusOr<HammerReport> report = absl::NotFoundError("not run");
  TsanReportSummary tsan;
  Evidence evidence;
  bool as_expected = false;
  std::string verdict;
  std::string log;  // the raw output, relative to the out dir
};

std::string VerdictMarkdown(const VerdictOptions& options,
                            const std::vector<VerdictRow>& rows, bool done);
std::string VerdictJson(const VerdictOptions& options,
                        const std::vector<VerdictRow>& rows, bool done);

// Writes the Markdown to `report_path` and the JSON beside it (.json), each
// atomically; `*markdown` is the Markdown written.
absl::Status WriteVerdictReports(const VerdictOptions& options,
                                 const std::string& report_path,
                                 const std::vector<VerdictRow>& rows, bool done,
                                 std::string* markdown);

}  // namespace racelab

#endif  // RACELAB_EXPERIMENTS_VERDICT_REPORT_H_
