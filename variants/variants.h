// variants/variants.h
//
// The variants racelab compares, by name: the buggy shared client, the
// tempting wrong fix (every field of the shared client locked: no data
// race, still a race condition), and the five fixes. Everything that runs "a variant" (the racelab tool, tests,
// benchmarks) builds it through MakeService().

#ifndef RACELAB_VARIANTS_VARIANTS_H_
#define RACELAB_VARIANTS_VARIANTS_H_

#include <array>
#include <memory>
#include <ostream>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/enum_table.h"
#include "world/host_info.h"
#include "world/item_detail_service.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab {

enum class Variant {
  kSharedUnsafe,  // repro/: one shared client, intentionally racy
  kLockedFields,  // repro/locked_fields: the same, every field locked
  kPerRequest,    // fixed/per_request: a new client per call (the seed's fix)
  kLocked,        // fixed/locked: one client, a mutex around each request
  kCopying,       // fixed/copying: immutable client, request-scoped state
  kThreadLocal,   // fixed/thread_local: one client per calling thread
  kPool,          // fixed/pool: a small pool of clients, one borrower each
};
inline constexpr EnumTable<Variant, 7> kVariantTable(
    "variant",
    {{{Variant::kSharedUnsafe, "shared_unsafe",
       "repro/: one shared client, per-request state in it (intentionally "
       "racy)"},
      {Variant::kLockedFields, "locked_fields",
       "repro/locked_fields: the tempting wrong fix, every field of the "
       "shared client locked, the request not (no data race; still a race "
       "condition)"},
      {Variant::kPerRequest, "per_request",
       "fixed/per_request: a new client for every call (the seed's fix)"},
      {Variant::kLocked, "locked",
       "fixed/locked: one shared client, a mutex around each request"},
      {Variant::kCopying, "copying",
       "fixed/copying: one immutable client, request-scoped state"},
      {Variant::kThreadLocal, "thread_local",
       "fixed/thread_local: one client per calling thread, built on its "
       "first call"},
      {Variant::kPool, "pool",
       "fixed/pool: a pool of 4 clients, each lent to one call at a time"}}});
inline constexpr std::array<Variant, 7> kAllVariants = kVariantTable.Values();
inline constexpr std::array<Variant, 5> kFixedVariants = {
    Variant::kPerRequest, Variant::kLocked, Variant::kCopying,
    Variant::kThreadLocal, Variant::kPool};

// What a variant is, which says what each detector should see in it.
enum class VariantKind {
  kDataRace,       // the bug: unsynchronised accesses (shared_unsafe)
  kRaceCondition,  // no data race, results still wrong (locked_fields)
  kFix,            // safe to share
};
constexpr VariantKind KindOf(Variant variant) {
  switch (variant) {
    case Variant::kSharedUnsafe:
      return VariantKind::kDataRace;
    case Variant::kLockedFields:
      return VariantKind::kRaceCondition;
    default:
      return VariantKind::kFix;
  }
}
constexpr bool IsFix(Variant variant) {
  return KindOf(variant) == VariantKind::kFix;
}

// "shared_unsafe", "per_request", "locked", "copying", "thread_local",
// "pool".
constexpr absl::string_view VariantName(Variant variant) {
  return kVariantTable.Name(variant);
}
// For test names and messages.
inline std::ostream& operator<<(std::ostream& out, Variant variant) {
  return out << VariantName(variant);
}
// One line for help text and reports.
constexpr absl::string_view VariantDescription(Variant variant) {
  return kVariantTable.Description(variant);
}
// Returns InvalidArgument listing the valid names for an unknown one.
inline absl::StatusOr<Variant> ParseVariant(absl::string_view name) {
  return kVariantTable.Parse(name);
}

// The credentials every racelab run uses (the router double accepts them).
PddCredentials DemoCredentials();

// MakeService() builds the variant's UnionService; every client it builds
// gets its host information as `host_info` says (the pool variant has
// fixed::pool::kDefaultPoolSize clients).
// REQUIRES: `transport` outlives the service.
std::unique_ptr<ItemDetailService> MakeService(
    Variant variant, const PddCredentials& credentials, Transport* transport,
    HostInfoMode host_info = HostInfoMode::kGather);

}  // namespace racelab

#endif  // RACELAB_VARIANTS_VARIANTS_H_
