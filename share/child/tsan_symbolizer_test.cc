// share/child/tsan_symbolizer_test.cc

#include "share/child/tsan_symbolizer.h"

#include "base/build_info.h"
#include "gtest/gtest.h"

namespace racelab::share_internal {
namespace {

TEST(TsanSymbolizerTest, UnderTsanItNamesAFunctionAndElsewhereDoesNothing) {
  EXPECT_EQ(StartTsanSymbolizer(), IsTsanBuild());
}

}  // namespace
}  // namespace racelab::share_internal
