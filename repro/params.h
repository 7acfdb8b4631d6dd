// repro/params.h
//
// Params and Headers: a faithful port of gorequest.Params and
// gorequest.Headers (dtapps/go-library 1.0.157, utils/gorequest/params.go).
//
// THREAD SAFETY: NONE, INTENTIONALLY. A Params object is neither guarded nor
// atomic, exactly like the Go map it mirrors. Calling Set() and DeepCopy()
// on one object from two threads is a data race: in Go the runtime caught it
// ("fatal error: concurrent map iteration and map write"); in C++ it is
// undefined behaviour that may crash, corrupt the map, or silently mix two
// requests. This file is a teaching exhibit: do not fix it here. The fixes
// live in fixed/.

#ifndef RACELAB_REPRO_PARAMS_H_
#define RACELAB_REPRO_PARAMS_H_

#include <cstddef>
#include <string>

#include "world/query.h"
#ifdef RACELAB_MAP_GUARD
#include "instrument/go_map.h"
#endif

namespace racelab::repro {

// The storage behind Params. A build with RACELAB_MAP_GUARD swaps in GoMap,
// which catches concurrent use the way Go's runtime did (instrument/go_map.h);
// the race itself is the same either way.
#ifdef RACELAB_MAP_GUARD
using ParamsStorage = GoMap<ParamMap>;
#else
using ParamsStorage = ParamMap;
#endif

class Params {
 public:
  Params() = default;

  // Params::Set()
  // Go: p[key] = value
  void Set(std::string key, std::string value);

  // Params::DeepCopy()
  // Go: ranges over the map into a new one, then replaces the original with
  // an empty map, and returns the copy. ENSURES: this map is empty.
  ParamMap DeepCopy();

  size_t size() const { return map_.size(); }

 private:
  // Shared mutable state with no synchronisation (see the top of the file).
  ParamsStorage map_;
};

// In Go, Headers was map[string]string with the same DeepCopy(); every value
// racelab sends is a string, so the C++ port shares one type.
using Headers = Params;

}  // namespace racelab::repro

#endif  // RACELAB_REPRO_PARAMS_H_
