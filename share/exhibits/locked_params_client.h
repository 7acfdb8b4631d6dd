// share/exhibits/locked_params_client.h
//
// The seed's tempting wrong fix, in small. The incident's client kept ONE
// Params map for all requests; GoodsDetail() wrote the request's params
// into it and request() then read them out and reset it (DeepCopy). The
// tempting fix locks the map instead of giving each request its own:
// LockedParams has a mutex in every method, so the crash is gone and
// ThreadSanitizer is silent, but setting the params and sending them are
// still two steps on shared state, and a request can be signed with
// another caller's goods_id (or with none). PerRequestParamsClient is the
// real fix at this scale: the params live in the call.
//
// Threading: LockedParamsClient is NOT safe to share (intentionally: a race
// condition with no data race); PerRequestParamsClient is thread-safe (it
// has no mutable state).

#ifndef RACELAB_SHARE_EXHIBITS_LOCKED_PARAMS_CLIENT_H_
#define RACELAB_SHARE_EXHIBITS_LOCKED_PARAMS_CLIENT_H_

#include <map>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "base/std_mutex.h"

namespace racelab::exhibits {

// "goods_id=3&type=pdd.ddk.goods.detail": what a request signs and sends.
inline std::string EncodeParams(const std::map<std::string, std::string>& p) {
  std::string body;
  for (const auto& [key, value] : p) {
    if (!body.empty()) body += '&';
    body.append(key).append(1, '=').append(value);
  }
  return body;
}

// A map whose every method is locked: safe on its own.
class LockedParams {
 public:
  void Set(std::string key, std::string value) {
    StdMutexLock lock(&mu_);
    params_.insert_or_assign(std::move(key), std::move(value));
  }
  // Everything set so far; the map is left empty (the seed's DeepCopy).
  std::map<std::string, std::string> TakeAll() {
    StdMutexLock lock(&mu_);
    return std::exchange(params_, {});
  }

 private:
  StdMutex mu_;
  std::map<std::string, std::string> params_ ABSL_GUARDED_BY(mu_);
};

class LockedParamsClient {
 public:
  // The body sent for goods `goods_id`.
  std::string GoodsDetail(int goods_id) {
    params_.Set("type", "pdd.ddk.goods.detail");
    params_.Set("goods_id", std::to_string(goods_id));
    // INTENTIONAL RACE CONDITION: the params were set above and are sent
    // below, two locked steps on ONE map shared by every request; another
    // request may set its goods_id, or take everything, in between.
    return Request();
  }

 private:
  std::string Request() { return EncodeParams(params_.TakeAll()); }

  LockedParams params_;  // synchronises itself; shared by all requests
};

class PerRequestParamsClient {
 public:
  std::string GoodsDetail(int goods_id) const {
    std::map<std::string, std::string> params;  // this request's own
    params.emplace("type", "pdd.ddk.goods.detail");
    params.emplace("goods_id", std::to_string(goods_id));
    return EncodeParams(params);
  }
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_LOCKED_PARAMS_CLIENT_H_
