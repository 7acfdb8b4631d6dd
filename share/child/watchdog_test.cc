// share/child/watchdog_test.cc

#include "share/child/watchdog.h"

#include <chrono>

#include "base/build_info.h"
#include "gtest/gtest.h"

namespace racelab::share_internal {
namespace {

using std::chrono::milliseconds;

TEST(HangPatienceTest, IsHalfTheDeadlineAndWaitsOutTsansFirstReport) {
  if (IsTsanBuild()) {
    // The first report's symbolization stops every thread for seconds.
    EXPECT_EQ(HangPatience(2000), kTsanReportPatience);
    EXPECT_EQ(HangPatience(100), kTsanReportPatience);
    EXPECT_EQ(HangPatience(60000), milliseconds(30000));
  } else {
    EXPECT_EQ(HangPatience(2000), milliseconds(1000));
    EXPECT_EQ(HangPatience(100), milliseconds(50));
  }
  EXPECT_GE(kTsanReportPatience, milliseconds(5000));
}

}  // namespace
}  // namespace racelab::share_internal
