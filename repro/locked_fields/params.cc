// repro/locked_fields/params.cc

#include "repro/locked_fields/params.h"

#include <utility>

#include "absl/base/attributes.h"
#include "instrument/race_points.h"

namespace racelab::repro::locked_fields {

ABSL_ATTRIBUTE_NOINLINE void Params::Set(std::string key, std::string value) {
  StdMutexLock lock(&mu_);
  map_.insert_or_assign(std::move(key), std::move(value));  // p[key] = value
}

ABSL_ATTRIBUTE_NOINLINE ParamMap Params::DeepCopy() {
  // The race point is outside the lock: a schedule that holds a thread
  // here must not hold the lock too.
  RACELAB_RACE_POINT(kDeepCopyEntering);
  StdMutexLock lock(&mu_);
  ParamMap target = map_;  // for key, value := range *p { ... }
  map_ = ParamMap();       // *p = map[string]interface{}{}
  return target;
}

size_t Params::size() const {
  StdMutexLock lock(&mu_);
  return map_.size();
}

}  // namespace racelab::repro::locked_fields
