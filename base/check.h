// base/check.h
//
// RACELAB_CHECK(condition, message): how racelab enforces a REQUIRES. It
// stays on in every build type (Release included, unlike assert()), and on
// failure prints the file, line, condition and message to stderr and
// aborts. It guards programming errors inside racelab only: input from a
// user is validated first and gets an absl::Status with a clear message,
// never an abort. Thread-safe.

#ifndef RACELAB_BASE_CHECK_H_
#define RACELAB_BASE_CHECK_H_

#include "absl/base/optimization.h"

namespace racelab::check_internal {

[[noreturn]] void Fail(const char* file, int line, const char* condition,
                       const char* message);

}  // namespace racelab::check_internal

#define RACELAB_CHECK(condition, message)                                \
  (ABSL_PREDICT_TRUE(condition)                                          \
       ? static_cast<void>(0)                                            \
       : ::racelab::check_internal::Fail(__FILE__, __LINE__, #condition, \
                                         message))

#endif  // RACELAB_BASE_CHECK_H_
