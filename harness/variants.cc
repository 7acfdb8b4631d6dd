// harness/variants.cc

#include "harness/variants.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "fixed/copying/union_service.h"
#include "fixed/locked/union_service.h"
#include "fixed/per_request/union_service.h"
#include "fixed/pool/union_service.h"
#include "fixed/thread_local/union_service.h"
#include "harness/named_enum.h"
#include "repro/union_service.h"

namespace racelab {

absl::string_view VariantName(Variant variant) {
  switch (variant) {
    case Variant::kSharedUnsafe:
      return "shared_unsafe";
    case Variant::kPerRequest:
      return "per_request";
    case Variant::kLocked:
      return "locked";
    case Variant::kCopying:
      return "copying";
    case Variant::kThreadLocal:
      return "thread_local";
    case Variant::kPool:
      return "pool";
  }
  return "invalid";
}

static_assert(fixed::pool::kDefaultPoolSize == 4,
              "VariantDescription(kPool) states the pool size");

absl::string_view VariantDescription(Variant variant) {
  switch (variant) {
    case Variant::kSharedUnsafe:
      return "repro/: one shared client, per-request state in it "
             "(intentionally racy)";
    case Variant::kPerRequest:
      return "fixed/per_request: a new client for every call (the seed's fix)";
    case Variant::kLocked:
      return "fixed/locked: one shared client, a mutex around each request";
    case Variant::kCopying:
      return "fixed/copying: one immutable client, request-scoped state";
    case Variant::kThreadLocal:
      return "fixed/thread_local: one client per calling thread, built on "
             "its first call";
    case Variant::kPool:
      return "fixed/pool: a pool of 4 clients, each lent to one call at a "
             "time";
  }
  return "invalid";
}

absl::StatusOr<Variant> ParseVariant(absl::string_view name) {
  return ParseByName(name, kAllVariants, &VariantName, "variant");
}

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
