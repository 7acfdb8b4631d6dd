// experiments/child_log.h
//
// KeepChildLog(): a child process's whole output kept as a file under an
// out dir, for a report to link (the verdict's rows, the matrix's flagged
// runs). Thread-safe (writes one file atomically).

#ifndef RACELAB_EXPERIMENTS_CHILD_LOG_H_
#define RACELAB_EXPERIMENTS_CHILD_LOG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/child_process.h"

namespace racelab {

// Writes <out_dir>/<relative> (directories created): the command line (if
// `argv` is not empty), how the child ended, its stderr, then its stdout.
// Returns `relative`, or an error naming the path.
absl::StatusOr<std::string> KeepChildLog(const std::string& out_dir,
                                         const std::string& relative,
                                         const std::vector<std::string>& argv,
                                         const ChildResult& child);

}  // namespace racelab

#endif  // RACELAB_EXPERIMENTS_CHILD_LOG_H_
