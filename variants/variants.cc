// variants/variants.cc

#include "variants/variants.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "fixed/copying/union_service.h"
#include "fixed/locked/union_service.h"
#include "fixed/per_request/union_service.h"
#include "fixed/pool/union_service.h"
#include "fixed/thread_local/union_service.h"
#include "repro/locked_fields/union_service.h"
#include "repro/union_service.h"

namespace racelab {

static_assert(fixed::pool::kDefaultPoolSize == 4,
              "kVariantTable's description of kPool states the pool size");

PddCredentials DemoCredentials() {
  return {"racelab-client-id", "racelab-client-secret", "racelab-media",
          "racelab-pid"};
}

std::unique_ptr<ItemDetailService> MakeService(
    Variant variant, const PddCredentials& credentials, Transport* transport,
    HostInfoMode host_info) {
  switch (variant) {
    case Variant::kSharedUnsafe:
      return std::make_unique<repro::UnionService>(credentials, transport,
                                                   host_info);
    case Variant::kLockedFields:
      return std::make_unique<repro::locked_fields::UnionService>(
          credentials, transport, host_info);
    case Variant::kPerRequest:
      return std::make_unique<fixed::per_request::UnionService>(
          credentials, transport, host_info);
    case Variant::kLocked:
      return std::make_unique<fixed::locked::UnionService>(
          credentials, transport, host_info);
    case Variant::kCopying:
      return std::make_unique<fixed::copying::UnionService>(
          credentials, transport, host_info);
    case Variant::kThreadLocal:
      return std::make_unique<fixed::thread_local_client::UnionService>(
          credentials, transport, host_info);
    case Variant::kPool:
      return std::make_unique<fixed::pool::UnionService>(
          credentials, transport, host_info, fixed::pool::kDefaultPoolSize);
  }
  return nullptr;
}

}  // namespace racelab
