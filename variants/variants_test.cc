// variants/variants_test.cc

#include "variants/variants.h"

#include <random>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "load/goods_detail_load.h"
#include "world/pdd_router.h"

namespace racelab {
namespace {

TEST(VariantsTest, EveryVariantHasANameADescriptionAndParsesBack) {
  for (Variant variant : kAllVariants) {
    EXPECT_EQ(*ParseVariant(VariantName(variant)), variant);
    EXPECT_FALSE(VariantDescription(variant).empty());
  }
  EXPECT_EQ(ParseVariant("sharded").status().message(),
            "unknown variant \"sharded\"; valid: shared_unsafe, "
            "locked_fields, per_request, locked, copying, thread_local, pool");
}

TEST(VariantsTest, TheFixesAreEveryVariantButTheBuggyOnes) {
  EXPECT_EQ(kFixedVariants.size() + 2, kAllVariants.size());
  for (Variant fixed : kFixedVariants) {
    EXPECT_TRUE(IsFix(fixed)) << fixed;
    EXPECT_TRUE(absl::StartsWith(VariantDescription(fixed), "fixed/"));
  }
  EXPECT_EQ(KindOf(Variant::kSharedUnsafe), VariantKind::kDataRace);
  EXPECT_EQ(KindOf(Variant::kLockedFields), VariantKind::kRaceCondition);
  for (Variant buggy : {Variant::kSharedUnsafe, Variant::kLockedFields}) {
    EXPECT_TRUE(absl::StartsWith(VariantDescription(buggy), "repro/"));
  }
}

TEST(VariantsTest, EveryVariantServesOneCorrectRequestAlone) {
  PddRouterDouble router(DemoCredentials());
  for (Variant variant : kAllVariants) {
    std::unique_ptr<ItemDetailService> service =
        MakeService(variant, DemoCredentials(), &router);
    ASSERT_NE(service, nullptr) << variant;
    std::mt19937_64 rng(1);
    RequestContext context{.thread = 0, .iteration = 0, .rng = &rng};
    const RequestOutcome outcome = GoodsDetailLoad(*service)(context);
    EXPECT_EQ(outcome.outcome, Outcome::kOk)
        << variant << ": " << outcome.detail;
  }
}

}  // namespace
}  // namespace racelab
