// The data race whose results look right (feature_flags.h): the normal
// flavour of this test passes and says what it could not check; the TSan
// flavour fails with both stacks, in feature_flags.cc. Registered by
// racelab_add_share_test(... OBJECTS feature_flags), which compiles the
// library's code with ThreadSanitizer for the TSan flavour.

#include "feature_flags.h"

#include "gtest/gtest.h"
#include "racelab/share.h"

TEST(FeatureFlagsTest, OneInstanceMayBeShared) {
  EXPECT_TRUE(racelab::MayShare(
      racelab::Operations<shop::FeatureFlags>()
          .Op("Enable", &shop::FeatureFlags::Enable, racelab::Range(0, 3))
          .Op("IsEnabled", &shop::FeatureFlags::IsEnabled,
              racelab::Range(0, 3))));
}
