// experiments/audit.cc

#include "experiments/audit.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>

#include "absl/strings/str_cat.h"

namespace racelab {

absl::StatusOr<AuditResult> RunAudit(const AuditOptions& options) {
  static std::atomic<int> next_file{0};
  const std::string tally_path =
      absl::StrCat(options.scratch_dir, "/racelab-audit-", getpid(), "-",
                   next_file.fetch_add(1), ".tally");
  absl::StatusOr<std::unique_ptr<SharedTally>> tally =
      SharedTally::Create(tally_path);
  if (!tally.ok()) return tally.status();

  std::vector<std::string> argv = options.wrapper;
  argv.insert(argv.end(),
              {options.tool_path, "hammer",
               absl::StrCat("--variant=", VariantName(options.variant)),
               absl::StrCat("--threads=", options.threads),
               absl::StrCat("--iterations=", options.iterations),
               absl::StrCat("--tally_file=", tally_path)});
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
  absl::StatusOr<ChildResult> child =
      RunChild(argv, {.timeout = options.timeout,
                      .cancel = options.cancel,
                      .stderr_marker = std::string(options.stderr_marker)});
  AuditResult result;
  if (child.ok()) {
    result.child = *std::move(child);
    result.totals = (*tally)->Read();
  }
  std::remove(tally_path.c_str());
  if (!child.ok()) return child.status();
  return result;
}

absl::Duration AuditResult::MarkerAfterStart() const {
  if (totals.started_ns == 0) return absl::InfiniteDuration();
  const int64_t end_ns =
      child.marker_ns != 0
          ? child.marker_ns
          : child.started_ns + absl::ToInt64Nanoseconds(child.wall);
  return absl::Nanoseconds(end_ns - totals.started_ns);
}

}  // namespace racelab
