// exercises/student/request_headers_test.cc
//
// Grades exercise 1 (exercises/student/request_headers.h): each of the
// three classes, once solved, must send every request with its own
// headers while shared.

#include "exercises/student/request_headers.h"

#include "exercises/exercise_operations.h"
#include "exercises/student/grading.h"
#include "gtest/gtest.h"
#include "racelab/share.h"

namespace racelab::exercises::student {
namespace {

template <typename Answer>
void Grade() {
  EXPECT_TRUE(MayShare(SendOps<Answer>(), GradeOptions()));
}

TEST(Exercise1, RequestHeaders1MayBeShared) {
  RACELAB_GRADE(RequestHeaders1, "exercises/student/request_headers.h");
  Grade<RequestHeaders1>();
}
TEST(Exercise1, RequestHeaders2MayBeShared) {
  RACELAB_GRADE(RequestHeaders2, "exercises/student/request_headers.h");
  Grade<RequestHeaders2>();
}
TEST(Exercise1, RequestHeaders3MayBeShared) {
  RACELAB_GRADE(RequestHeaders3, "exercises/student/request_headers.h");
  Grade<RequestHeaders3>();
}

}  // namespace
}  // namespace racelab::exercises::student
