// share/share_child.h
//
// The child side of racelab::MayShare() (include/racelab/share.h): the
// hammer that runs inside a child process of the test binary, and the lines
// it prints for its parent. Thread-compatible: RunShareChild() is called
// once, from the child test's main thread, and owns every thread it starts.

#ifndef RACELAB_SHARE_SHARE_CHILD_H_
#define RACELAB_SHARE_SHARE_CHILD_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "racelab/share.h"

namespace racelab::share_internal {

// How the child ended, as its parent reads it from stdout.
struct ShareChildReport {
  int64_t calls = 0;
  int64_t wrong = 0;
  int64_t rounds = 0;
  std::vector<std::string> examples;  // "op (thread T, call N): message"
  // Set when the class failed on ONE thread: no concurrency involved.
  std::string single_thread_failure;
  std::string factory_failure;  // the factory threw: what()
  std::string hung_in;          // "op (thread T, call N)" if it hung
};

// Runs the hammer and prints its report (FormatShareChildReport) to stdout.
// Returns the process exit code the child should end with: 0 every call
// right; 1 wrong results; 3 a hang; 4 fails without concurrency; 5 the
// factory threw.
// `expectations_failed` tells whether a gtest expectation inside an
// operation failed (it counts as a wrong result).
int RunShareChild(const Subject& subject, const ShareOptions& options,
                  uint64_t seed,
                  const std::function<bool()>& expectations_failed = {});

std::string FormatShareChildReport(const ShareChildReport& report);
// NotFound if the child printed no report (it died first).
absl::StatusOr<ShareChildReport> ParseShareChildReport(absl::string_view text);

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_SHARE_CHILD_H_
