// exercises/student/coupon_book_test.cc
//
// Grades exercise 4 (exercises/student/coupon_book.h): once solved, every
// history of calls on a shared book must be one that some one-at-a-time
// order of the same calls gives (racelab::MayShare's history check; no
// per-call check could see the starting point's fault).

#include "exercises/student/coupon_book.h"

#include "exercises/exercise_operations.h"
#include "exercises/student/grading.h"
#include "gtest/gtest.h"
#include "racelab/share.h"

namespace racelab::exercises::student {
namespace {

TEST(Exercise4, CouponBook1MayBeShared) {
  RACELAB_GRADE(CouponBook1, "exercises/student/coupon_book.h");
  EXPECT_TRUE(MayShare(CouponOps<CouponBook1>(), GradeOptions()));
}

}  // namespace
}  // namespace racelab::exercises::student
