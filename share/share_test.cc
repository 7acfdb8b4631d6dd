// share/share_test.cc
//
// racelab::MayShare() / IsReportedRacy() on the exhibits (share/exhibits/),
// through the public API only: every racy class reported under TSan, every
// safe twin clean in both builds; and bad input, each with a clear message.

#include "racelab/share.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/build_info.h"
#include "gtest/gtest.h"
#include "share/exhibits/atomic_counter.h"
#include "share/exhibits/buffered_signer.h"
#include "share/exhibits/headers_client.h"
#include "share/exhibits/immutable_endpoint.h"
#include "share/exhibits/last_error_client.h"
#include "share/exhibits/lazy_config.h"
#include "share/exhibits/locked_headers_client.h"
#include "share/exhibits/once_config.h"
#include "share/exhibits/params_vector_client.h"
#include "share/exhibits/per_call_error_client.h"
#include "share/exhibits/request_counter.h"
#include "share/exhibits/rotating_endpoint.h"
#include "share/exhibits/shared_mutex_token_refresher.h"
#include "share/exhibits/shared_rng_client.h"
#include "share/exhibits/snapshot_stats.h"
#include "share/exhibits/thread_local_signer.h"
#include "share/exhibits/token_refresher.h"

namespace racelab {
namespace {

using exhibits::AtomicCounter;
using exhibits::BufferedSigner;
using exhibits::HeadersClient;
using exhibits::ImmutableEndpoint;
using exhibits::LastErrorClient;
using exhibits::LazyConfig;
using exhibits::LockedHeadersClient;
using exhibits::OnceConfig;
using exhibits::ParamsVectorClient;
using exhibits::PerCallErrorClient;
using exhibits::RequestCounter;
using exhibits::RotatingEndpoint;
using exhibits::SharedMutexTokenRefresher;
using exhibits::SharedRngClient;
using exhibits::SnapshotStats;
using exhibits::ThreadLocalSigner;
using exhibits::TokenRefresher;

// Each exhibit's operations as per-call checks (Operations<T>::Check): the
// data races below are caught by TSan or by these messages; the history
// check has its own tests (share/history/).
template <typename Client>
Operations<Client> SendOps() {
  return Operations<Client>().Check("send", [](Client& client,
                                               const Call& call) {
    const std::string trace = absl::StrCat("t", call.thread, "-", call.number);
    const std::string sent = client.Send(trace);
    return absl::StrContains(sent, "X-Trace: " + trace + "\n")
               ? std::string()
               : absl::StrCat("sent another caller's headers: ", sent);
  });
}

template <typename Config>
Operations<Config> EndpointOps() {
  return Operations<Config>().Check(
      "endpoint", [](Config& config, const Call&) {
        return config.Endpoint() == "https://gw-api.pinduoduo.com/api/router"
                   ? std::string()
                   : "wrong endpoint: " + config.Endpoint();
      });
}

template <typename Counter>
Operations<Counter> CounterOps() {
  return Operations<Counter>()
      .Check("count",
             [](Counter& counter, const Call&) {
               counter.Count();
               return std::string();
             })
      .Check("read", [](Counter& counter, const Call&) {
        return counter.count() >= 0 ? std::string() : "negative count";
      });
}

// A request number unique to this call.
int RequestOf(const Call& call) {
  return call.thread * 100000 + static_cast<int>(call.number);
}

template <typename Client>
Operations<Client> ErrorOps() {
  return Operations<Client>().Check(
      "call", [](Client& client, const Call& call) {
        const int request = RequestOf(call);
        const std::string error = client.Call(request);
        const std::string expected =
            request % 2 == 0 ? "" : "odd request " + std::to_string(request);
        return error == expected ? std::string()
                                 : "got another call's error: " + error;
      });
}

template <typename Signer>
Operations<Signer> SignOps() {
  return Operations<Signer>().Check("sign", [](Signer& signer,
                                               const Call& call) {
    const std::string goods = "goods-" + std::to_string(RequestOf(call));
    const std::string expected =
        std::to_string(std::hash<std::string>()("secret" + goods + "secret"));
    return signer.Sign(goods) == expected ? std::string()
                                          : "signed another request's goods";
  });
}

template <typename Refresher>
Operations<Refresher> TokenOps() {
  return Operations<Refresher>().Check(
      "token", [](Refresher& refresher, const Call&) {
        const std::string token = refresher.Token();
        return token.rfind("token-", 0) == 0 ? std::string()
                                             : "corrupt token: " + token;
      });
}

TEST(ShareRacyTest, HeadersClientIsReported) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  EXPECT_TRUE(IsReportedRacy(SendOps<HeadersClient>()));
}

TEST(ShareRacyTest, LazyConfigIsReported) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  EXPECT_TRUE(IsReportedRacy(EndpointOps<LazyConfig>()));
}

TEST(ShareRacyTest, RequestCounterIsReported) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  EXPECT_TRUE(IsReportedRacy(CounterOps<RequestCounter>()));
}

TEST(ShareRacyTest, LastErrorClientIsReported) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  EXPECT_TRUE(IsReportedRacy(ErrorOps<LastErrorClient>()));
}

TEST(ShareRacyTest, BufferedSignerIsReported) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  EXPECT_TRUE(IsReportedRacy(SignOps<BufferedSigner>()));
}

TEST(ShareRacyTest, TokenRefresherIsReported) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  EXPECT_TRUE(IsReportedRacy(TokenOps<TokenRefresher>()));
}

TEST(ShareRacyTest, SharedRngClientIsReported) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  EXPECT_TRUE(IsReportedRacy(Operations<SharedRngClient>().Check(
      "nonce", [](SharedRngClient& client, const Call&) {
        client.Nonce();
        return std::string();
      })));
}

TEST(ShareRacyTest, ParamsVectorClientIsReported) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  EXPECT_TRUE(IsReportedRacy(Operations<ParamsVectorClient>().Check(
      "query", [](ParamsVectorClient& client, const Call& call) {
        const std::string goods = "g" + std::to_string(RequestOf(call));
        const std::string expected =
            "goods_sign=" + goods + "&type=pdd.ddk.goods.detail&";
        return client.Query(goods) == expected ? std::string()
                                               : "mixed parameters";
      })));
}

TEST(ShareRacyTest, SnapshotStatsIsReported) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  EXPECT_TRUE(IsReportedRacy(
      Operations<SnapshotStats>()
          .Check("record",
                 [](SnapshotStats& stats, const Call& call) {
                   stats.Record(100 + call.number);
                   return std::string();
                 })
          .Check("summary", [](SnapshotStats& stats, const Call&) {
            return stats.Summary() >= 0 ? std::string() : "negative summary";
          })));
}

TEST(ShareRacyTest, RotatingEndpointIsReported) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  EXPECT_TRUE(IsReportedRacy(
      Operations<RotatingEndpoint>()
          .Check("current",
                 [](RotatingEndpoint& endpoint, const Call&) {
                   const std::string current = endpoint.Current();
                   return absl::StartsWith(current, "https://gw-")
                              ? std::string()
                              : "torn endpoint: " + current;
                 })
          .Check("rotate", [](RotatingEndpoint& endpoint, const Call&) {
            endpoint.Rotate();
            return std::string();
          })));
}

TEST(ShareRacyTest, MaySharesFailureShowsTheRaceInTheUsersCode) {
  if (!IsTsanBuild()) GTEST_SKIP() << "only TSan sees every run's race";
  ShareOptions options;
  options.seed = 42;
  const ::testing::AssertionResult result =
      MayShare(CounterOps<RequestCounter>(), options);
  EXPECT_FALSE(result);
  const std::string message = result.message();
  EXPECT_TRUE(absl::StrContains(
      message, "one instance may NOT be shared: TSan report: data race"))
      << message;
  EXPECT_TRUE(absl::StrContains(message, "exhibits::RequestCounter::"))
      << message;
  EXPECT_TRUE(absl::StrContains(message, "RACELAB_SEED=42")) << message;
}

TEST(ShareSafeTest, LockedHeadersClientMayBeShared) {
  EXPECT_TRUE(MayShare(SendOps<LockedHeadersClient>()));
}

TEST(ShareSafeTest, OnceConfigMayBeShared) {
  EXPECT_TRUE(MayShare(EndpointOps<OnceConfig>()));
}

TEST(ShareSafeTest, AtomicCounterMayBeShared) {
  EXPECT_TRUE(MayShare(CounterOps<AtomicCounter>()));
}

TEST(ShareSafeTest, PerCallErrorClientMayBeShared) {
  EXPECT_TRUE(MayShare(ErrorOps<PerCallErrorClient>()));
}

TEST(ShareSafeTest, ThreadLocalSignerMayBeShared) {
  EXPECT_TRUE(MayShare(SignOps<ThreadLocalSigner>()));
}

TEST(ShareSafeTest, SharedMutexTokenRefresherMayBeShared) {
  EXPECT_TRUE(MayShare(TokenOps<SharedMutexTokenRefresher>()));
}

TEST(ShareSafeTest, ImmutableEndpointMayBeShared) {
  EXPECT_TRUE(MayShare(Operations<ImmutableEndpoint>().Check(
      "url", [](ImmutableEndpoint& endpoint, const Call& call) {
        const std::string goods = std::to_string(RequestOf(call));
        return endpoint.Url(goods) ==
                       "https://gw-api.pinduoduo.com/api/router?goods_sign=" +
                           goods
                   ? std::string()
                   : "wrong url";
      })));
}

TEST(ShareExpectTest, AFailedExpectInsideAnOperationFailsTheCheck) {
  const ::testing::AssertionResult result =
      MayShare(Operations<AtomicCounter>().Check(
          "count", [](AtomicCounter& counter, const Call& call) {
            counter.Count();
            if (call.number == 3) EXPECT_EQ(counter.count(), -1) << "planted";
            return std::string();
          }));
  EXPECT_FALSE(result);
  // It fails on one thread already, and the EXPECT's own message is shown.
  EXPECT_TRUE(absl::StrContains(
      result.message(),
      "fails without concurrency (one thread alone): count (call 3): an "
      "EXPECT/ASSERT failed"))
      << result.message();
  EXPECT_TRUE(absl::StrContains(result.message(), "planted"))
      << result.message();
}

TEST(ShareSuppressionTest, ARaceInCodeYouCannotFixCanBeSuppressed) {
  if (!IsTsanBuild()) GTEST_SKIP() << "TSan suppressions need TSan";
  ShareOptions options;
  options.tsan_suppressions = "race:exhibits::RequestCounter::Count\n";
  EXPECT_TRUE(MayShare(Operations<RequestCounter>().Check(
                           "count",
                           [](RequestCounter& counter, const Call&) {
                             counter.Count();
                             return std::string();
                           }),
                       options));
}

TEST(ShareBadInputTest, AFailingFactoryIsNamed) {
  const ::testing::AssertionResult result =
      MayShare(CounterOps<AtomicCounter>().Factory(
          []() -> std::unique_ptr<AtomicCounter> {
            throw std::runtime_error("no config file");
          }));
  EXPECT_FALSE(result);
  EXPECT_TRUE(absl::StrContains(result.message(), "no config file"))
      << result.message();
}

TEST(ShareBadInputTest, AHangingOperationIsNamed) {
  ShareOptions options;
  options.deadline_ms = 1500;
  const ::testing::AssertionResult result =
      MayShare(CounterOps<AtomicCounter>().Check(
                   "stall",
                   [](AtomicCounter&, const Call& call) {
                     if (call.thread == 1) {
                       for (;;)
                         std::this_thread::sleep_for(std::chrono::seconds(1));
                     }
                     return std::string();
                   }),
               options);
  EXPECT_FALSE(result);
  EXPECT_TRUE(absl::StrContains(result.message(), "stuck in stall"))
      << result.message();
}

TEST(ShareBadInputTest, ACheckThatAlwaysFailsFailsWithoutConcurrency) {
  const ::testing::AssertionResult result =
      MayShare(Operations<AtomicCounter>().Check(
          "never right", [](AtomicCounter&, const Call&) {
            return std::string("always wrong");
          }));
  EXPECT_FALSE(result);
  EXPECT_TRUE(absl::StrContains(result.message(),
                                "fails without concurrency (one thread "
                                "alone): never right (call 0): always wrong"))
      << result.message();
}

TEST(ShareBadInputTest, BadOptionsAreRefusedWithAReason) {
  for (int threads : {0, 1, 65, 1000000}) {
    ShareOptions options;
    options.threads = threads;
    const ::testing::AssertionResult result =
        MayShare(CounterOps<AtomicCounter>(), options);
    EXPECT_FALSE(result);
    EXPECT_TRUE(absl::StrContains(result.message(), "threads must be 2..64"))
        << result.message();
  }
  EXPECT_FALSE(MayShare(Operations<AtomicCounter>()));
}

// The older declaration (a factory and per-call checks), kept as a
// deprecated adapter: it still runs the hammer (and prints that no history
// was checked).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
TEST(ShareDeprecatedTest, PerCallChecksStillWorkWithoutAHistoryCheck) {
  const ::testing::AssertionResult safe = MayShare<AtomicCounter>(
      [] { return std::make_unique<AtomicCounter>(); },
      {{"count", [](AtomicCounter& counter, const Call&) {
          counter.Count();
          return std::string();
        }}});
  EXPECT_TRUE(safe) << safe.message();
  const ::testing::AssertionResult wrong =
      MayShare<AtomicCounter>([] { return std::make_unique<AtomicCounter>(); },
                              {{"never right", [](AtomicCounter&, const Call&) {
                                  return std::string("always wrong");
                                }}});
  EXPECT_FALSE(wrong);
  EXPECT_TRUE(absl::StrContains(wrong.message(), "never right (call 0)"))
      << wrong.message();
}
#pragma GCC diagnostic pop

}  // namespace
}  // namespace racelab
