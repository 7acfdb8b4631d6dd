// base/check.cc

#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace racelab::check_internal {

void Fail(const char* file, int line, const char* condition,
          const char* message) {
  std::fprintf(stderr, "racelab: CHECK failed at %s:%d: %s: %s\n", file, line,
               condition, message);
  std::abort();
}

}  // namespace racelab::check_internal
