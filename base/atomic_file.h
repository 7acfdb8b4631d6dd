// base/atomic_file.h
//
// WriteFileAtomically(): a report file is either the old one or the new one,
// never half-written, even if the run is killed while writing.

#ifndef RACELAB_BASE_ATOMIC_FILE_H_
#define RACELAB_BASE_ATOMIC_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace racelab {

// Writes `contents` to `path` + ".tmp", then renames it over `path`. Creates
// the parent directory if needed. Thread-safe for distinct paths.
absl::Status WriteFileAtomically(const std::string& path,
                                 absl::string_view contents);

}  // namespace racelab

#endif  // RACELAB_BASE_ATOMIC_FILE_H_
