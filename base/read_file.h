// base/read_file.h
//
// ReadFile(): a whole file as a string, or an error naming the path.
// Thread-safe.

#ifndef RACELAB_BASE_READ_FILE_H_
#define RACELAB_BASE_READ_FILE_H_

#include <string>

#include "absl/status/statusor.h"

namespace racelab {

absl::StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace racelab

#endif  // RACELAB_BASE_READ_FILE_H_
