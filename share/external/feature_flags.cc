#include "feature_flags.h"

namespace shop {

void FeatureFlags::Enable(int flag) {
  enabled_[flag % kFlags] = true;  // INTENTIONAL DATA RACE: no lock
}

bool FeatureFlags::IsEnabled(int flag) const { return enabled_[flag % kFlags]; }

}  // namespace shop
