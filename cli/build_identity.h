// cli/build_identity.h
//
// BuildIdentity(): what built the tools a matrix runs, for `racelab merge`
// to refuse shards of different builds. The SHA-256 of the tool binaries'
// bytes, with racelab's version and the compiler: shards merge only when
// they ran the very same binaries (build once, fan the binaries out to the
// runners; a rebuild on each runner counts as another build).
// Thread-safe.

#ifndef RACELAB_CLI_BUILD_IDENTITY_H_
#define RACELAB_CLI_BUILD_IDENTITY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace racelab {

// "racelab 0.1.0 (clang 14.0.6), tools sha256:0123456789abcdef" over the
// given executables (empty paths skipped), or an error naming a file that
// cannot be read.
absl::StatusOr<std::string> BuildIdentity(
    const std::vector<std::string>& tools);

}  // namespace racelab

#endif  // RACELAB_CLI_BUILD_IDENTITY_H_
