// share/tsan_symbolizer_test.cc

#include "share/tsan_symbolizer.h"

#include "base/build_info.h"
#include "gtest/gtest.h"

namespace racelab::share_internal {
namespace {

TEST(TsanSymbolizerTest, StartLeavesAProcessToWatchUnderTsanOnly) {
  TsanSymbolizer::Start();
  TsanSymbolizer symbolizer;
  EXPECT_EQ(symbolizer.found(), IsTsanBuild());
  if (!IsTsanBuild()) EXPECT_FALSE(symbolizer.Busy());
}

TEST(TsanSymbolizerTest, AnIdleSymbolizerIsNotBusy) {
  TsanSymbolizer::Start();
  TsanSymbolizer symbolizer;
  symbolizer.Busy();  // whatever it did while starting
  // Nothing asks it for a name now; it sleeps on its pipe.
  EXPECT_FALSE(symbolizer.Busy());
}

}  // namespace
}  // namespace racelab::share_internal
