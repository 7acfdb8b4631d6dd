// base/check_test.cc

#include "base/check.h"

#include "gtest/gtest.h"

namespace racelab {
namespace {

TEST(CheckTest, APassingCheckDoesNothing) {
  int evaluated = 0;
  RACELAB_CHECK(++evaluated == 1, "evaluated once");
  EXPECT_EQ(evaluated, 1);
}

TEST(CheckDeathTest, AFailingCheckAbortsNamingTheConditionEvenInRelease) {
  // The default preset defines NDEBUG (RelWithDebInfo): the check must stay.
  EXPECT_DEATH(RACELAB_CHECK(1 + 1 == 3, "arithmetic holds"),
               "CHECK failed at .*check_test.cc:[0-9]+: 1 \\+ 1 == 3: "
               "arithmetic holds");
}

}  // namespace
}  // namespace racelab
