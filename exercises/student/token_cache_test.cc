// exercises/student/token_cache_test.cc
//
// Grades exercise 3 (exercises/student/token_cache.h): each cache, once
// solved, must give every shop its own token while shared. What each
// costs is the benchmark's to say (exercises/student/token_cache_benchmark.cc).

#include "exercises/student/token_cache.h"

#include "exercises/exercise_operations.h"
#include "exercises/student/grading.h"
#include "gtest/gtest.h"
#include "racelab/share.h"

namespace racelab::exercises::student {
namespace {

TEST(Exercise3, TokenCache1MayBeShared) {
  RACELAB_GRADE(TokenCache1, "exercises/student/token_cache.h");
  EXPECT_TRUE(MayShare(TokenOps<TokenCache1>(), GradeOptions()));
}
TEST(Exercise3, TokenCache2MayBeShared) {
  RACELAB_GRADE(TokenCache2, "exercises/student/token_cache.h");
  EXPECT_TRUE(MayShare(TokenOps<TokenCache2>(), GradeOptions()));
}

}  // namespace
}  // namespace racelab::exercises::student
