// base/build_info.h
//
// IsTsanBuild(): whether this binary was compiled with -fsanitize=thread.
// Thread-safe.

#ifndef RACELAB_BASE_BUILD_INFO_H_
#define RACELAB_BASE_BUILD_INFO_H_

#include "absl/base/config.h"

namespace racelab {

constexpr bool IsTsanBuild() {
#ifdef ABSL_HAVE_THREAD_SANITIZER
  return true;
#else
  return false;
#endif
}

}  // namespace racelab

#endif  // RACELAB_BASE_BUILD_INFO_H_
