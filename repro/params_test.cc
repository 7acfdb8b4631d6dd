// repro/params_test.cc
//
// Single-threaded semantics of the Go port. (Used from one thread, the
// buggy code is correct; the race needs two.)

#include "repro/params.h"

#include "gtest/gtest.h"

namespace racelab::repro {
namespace {

TEST(ParamsTest, SetOverwritesLikeAGoMapAssignment) {
  Params params;
  params.Set("k", "1");
  params.Set("k", "2");
  params.Set("j", "3");
  EXPECT_EQ(params.size(), 2u);
  EXPECT_EQ(params.DeepCopy(), (ParamMap{{"k", "2"}, {"j", "3"}}));
}

TEST(ParamsTest, DeepCopyReturnsTheContentsAndDrainsTheMap) {
  Params params;
  params.Set("type", "pdd.ddk.goods.detail");
  params.Set("goods_sign", "g1");
  ParamMap copy = params.DeepCopy();
  EXPECT_EQ(copy,
            (ParamMap{{"type", "pdd.ddk.goods.detail"}, {"goods_sign", "g1"}}));
  EXPECT_EQ(params.size(), 0u);
  EXPECT_TRUE(params.DeepCopy().empty());  // a second copy finds nothing
}

TEST(ParamsTest, TheCopyIsIndependentOfLaterWrites) {
  Params params;
  params.Set("a", "1");
  ParamMap copy = params.DeepCopy();
  params.Set("a", "changed");
  EXPECT_EQ(copy.at("a"), "1");
}

}  // namespace
}  // namespace racelab::repro
