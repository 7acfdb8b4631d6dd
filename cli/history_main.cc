// cli/history_main.cc
//
// racelab_history: MayShare's check (the hammer, then the history check
// against the class itself) on one of racelab's own variants, for the
// history column of `racelab matrix`. The class under test is the variant's
// service with the router double it talks to; its one operation asks for
// an item and returns which item came back (or the router's error code
// and message),
// so a sequential call always returns its own item and no model is
// written.
//
//   racelab_history --variant=NAME [--seed=N]
//
// Prints, last, one line "racelab-history: <evidence kind>: <how>"
// (detectors/evidence.h's names) and exits 0 if one instance may be
// shared, 1 if not, 2 on bad usage. It is a GoogleTest program because
// MayShare runs its check in a child process of the test that calls it;
// the child learns the variant from RACELAB_HISTORY_VARIANT.

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/check.h"
#include "gtest/gtest.h"
#include "racelab/operations.h"
#include "racelab/share.h"
#include "share/check_evidence.h"
#include "variants/variants.h"
#include "world/pdd_router.h"

namespace racelab {
namespace {

constexpr char kVariantVariable[] = "RACELAB_HISTORY_VARIANT";

// One variant's service and the router double it talks to: what the
// check shares between its threads.
class VariantClient {
 public:
  explicit VariantClient(Variant variant)
      : service_(MakeService(variant, DemoCredentials(), &router_,
                             HostInfoMode::kSkip)) {}

  // The item the router answered for item `item`, or its error code.
  std::string Detail(int item) {
    const std::string goods_sign = absl::StrCat("history-", item);
    const absl::StatusOr<GoodsDetailResult> result =
        service_->GetUnionPddItemDetail(goods_sign);
    if (!result.ok()) {
      return absl::StrCat("error ",
                          absl::StatusCodeToString(result.status().code()));
    }
    if (result->response.error_code != 0) {
      // The router's code with its message ("error 10000: missing
      // parameter: goods_sign"): a bare number says nothing to a reader.
      return absl::StrCat("error ", result->response.error_code, ": ",
                          result->response.error_msg);
    }
    return result->response.goods_sign;
  }

 private:
  PddRouterDouble router_{DemoCredentials()};
  const std::unique_ptr<ItemDetailService> service_;
};

Variant TheVariant() {
  const char* name = getenv(kVariantVariable);
  const absl::StatusOr<Variant> variant =
      ParseVariant(name == nullptr ? "" : name);
  // main() checked it; a child gets it from its parent unchanged.
  RACELAB_CHECK(variant.ok(), "RACELAB_HISTORY_VARIANT names no variant");
  return *variant;
}

uint64_t TheSeed() {
  uint64_t seed = 0;
  const char* text = getenv("RACELAB_SEED");
  return text != nullptr && absl::SimpleAtoi(text, &seed) ? seed : 0;
}

TEST(VariantHistory, MayBeShared) {
  const Variant variant = TheVariant();
  const Operations<VariantClient> operations =
      Operations<VariantClient>()
          .Factory(
              [variant] { return std::make_unique<VariantClient>(variant); })
          .Op("Detail", &VariantClient::Detail, Range(0, 3));
  ShareOptions options;
  options.seed = TheSeed();
  Evidence evidence;
  const ::testing::AssertionResult result = share_internal::CheckWithEvidence(
      share_internal::Erase(operations), options,
      share_internal::Expectation::kShareable, &evidence);
  std::printf("%s\nracelab-history: %s: %s\n", result.message(),
              std::string(EvidenceKindName(evidence.kind)).c_str(),
              evidence.how.c_str());
  std::fflush(stdout);
  EXPECT_TRUE(result);
}

}  // namespace
}  // namespace racelab

int main(int argc, char** argv) {
  // Our own flags, before GoogleTest's: --variant=NAME, --seed=N.
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (absl::StartsWith(arg, "--variant=")) {
      const std::string name = arg.substr(10);
      if (const absl::Status parsed = racelab::ParseVariant(name).status();
          !parsed.ok()) {
        std::fprintf(stderr, "racelab_history: %s\n",
                     std::string(parsed.message()).c_str());
        return 2;
      }
      setenv(racelab::kVariantVariable, name.c_str(), 1);
    } else if (absl::StartsWith(arg, "--seed=")) {
      setenv("RACELAB_SEED", arg.substr(7).c_str(), 1);
    }
  }
  if (getenv(racelab::kVariantVariable) == nullptr) {
    std::fprintf(stderr,
                 "usage: racelab_history --variant=NAME [--seed=N]\n"
                 "  runs MayShare's check on one of racelab's variants "
                 "(racelab variants lists them)\n");
    return 2;
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS() == 0 ? 0 : 1;
}
