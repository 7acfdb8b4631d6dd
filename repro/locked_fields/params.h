// repro/locked_fields/params.h
//
// Params and Headers as the tempting wrong fix makes them: the port of
// gorequest.Params (repro/params.h) with a mutex inside, each call locked
// (Go: a sync.Mutex in the type, or sync.Map). The seed's crash, "concurrent
// map iteration and map write", cannot happen any more, and there is no
// data race left for ThreadSanitizer to see.
//
// Thread safety: thread-safe per call. Set() and DeepCopy() may be called
// from any threads at once. What is NOT made safe is a sequence of calls:
// "set my parameters, then copy them out" is two calls, and another
// thread's calls may land between them (repro/locked_fields/pdd_client.h).
// Teaching exhibit: diff against repro/params.h.

#ifndef RACELAB_REPRO_LOCKED_FIELDS_PARAMS_H_
#define RACELAB_REPRO_LOCKED_FIELDS_PARAMS_H_

#include <cstddef>
#include <string>

#include "absl/base/thread_annotations.h"
#include "base/std_mutex.h"
#include "world/query.h"

namespace racelab::repro::locked_fields {

class Params {
 public:
  Params() = default;

  // Params::Set()
  // Go: p[key] = value, under the lock.
  void Set(std::string key, std::string value) ABSL_LOCKS_EXCLUDED(mu_);

  // Params::DeepCopy()
  // Go: ranges over the map into a new one, then replaces the original with
  // an empty map, and returns the copy; all under the lock. ENSURES: this
  // map is empty.
  ParamMap DeepCopy() ABSL_LOCKS_EXCLUDED(mu_);

  size_t size() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  mutable StdMutex mu_;
  ParamMap map_ ABSL_GUARDED_BY(mu_);
};

// As in repro/params.h: Headers is the same type.
using Headers = Params;

}  // namespace racelab::repro::locked_fields

#endif  // RACELAB_REPRO_LOCKED_FIELDS_PARAMS_H_
