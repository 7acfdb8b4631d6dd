// cli/verdict_command.cc
//
// `racelab verdict`: the CI verdict (experiments/verdict.h), its table printed.

#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "base/child_process.h"
#include "cli/commands.h"
#include "experiments/verdict.h"

namespace racelab {

absl::StatusOr<Conclusion> VerdictCommand(const Arguments&) {
  VerdictOptions options;
  absl::StatusOr<std::string> self = SelfExecutablePath();
  if (!self.ok()) return self.status();
  options.tool_path = *self;
  absl::StatusOr<TransportOptions> transport = TransportOptionsFromFlags();
  if (!transport.ok()) return transport.status();
  options.child_args = TransportArgs(*transport);
  absl::StatusOr<HammerOptions> hammer = HammerOptionsFromFlags();
  if (!hammer.ok()) return hammer.status();
  options.threads = hammer->threads;
  options.iterations = hammer->iterations;
  absl::StatusOr<absl::Duration> timeout = TimeoutFromFlags();
  if (!timeout.ok()) return timeout.status();
  options.timeout = *timeout;
  absl::StatusOr<std::string> out = OutDirFromFlags();
  if (!out.ok()) return out.status();
  options.out_dir = *out;
  absl::StatusOr<std::string> report_name = ReportNameFromFlags();
  if (!report_name.ok()) return report_name.status();
  options.report_name = *report_name;
  absl::StatusOr<VerdictResult> result = RunVerdict(options);
  if (!result.ok()) return result.status();
  if (result->interrupted) return Conclusion::kInterrupted;
  std::fputs(result->markdown.c_str(), stdout);
  std::printf("\nReport written to %s\n", result->report_path.c_str());
  return result->as_expected ? Conclusion::kAsExpected
                             : Conclusion::kNotAsExpected;
}

}  // namespace racelab
