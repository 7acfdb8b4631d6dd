// repro/params.cc

#include "repro/params.h"

#include <utility>

#include "absl/base/attributes.h"
#include "instrument/race_points.h"

namespace racelab::repro {

// Kept out of line so that race reports (and Valgrind) name the function.
ABSL_ATTRIBUTE_NOINLINE void Params::Set(std::string key, std::string value) {
  // INTENTIONAL DATA RACE (writer side): another thread may be iterating
  // this map in DeepCopy() right now.
  map_.insert_or_assign(std::move(key), std::move(value));  // p[key] = value
}

ABSL_ATTRIBUTE_NOINLINE ParamMap Params::DeepCopy() {
  RACELAB_RACE_POINT(kDeepCopyEntering);
  ParamMap target;
  // INTENTIONAL DATA RACE (the seed's crash site, params.go:66):
  //   for key, value := range *p { targetMap[key] = value }
  // iterates the shared map while another thread's Set() writes into it.
  for (const auto& [key, value] : map_) {
    RACELAB_RACE_POINT(kDeepCopyIterating);
    target[key] = value;
    RACELAB_RACE_POINT(kDeepCopyCopied);
  }
  // INTENTIONAL DATA RACE:  *p = map[string]interface{}{}
  // drains the shared map, taking with it any parameters another request
  // has set but not yet copied.
  RACELAB_RACE_POINT(kDeepCopyResetting);
  map_ = ParamMap();
  return target;
}

}  // namespace racelab::repro
