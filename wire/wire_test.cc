// wire/wire_test.cc
//
// The loopback server and the libcurl transport: the server answers like
// the router double and listens on 127.0.0.1 only; every failure of the
// wire (a port in use, no server, a server that stalls, hangs up or speaks
// garbage) is a clear error within the timeouts, never a hang.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "variants/variants.h"
#include "wire/curl_easy.h"
#include "wire/http_transport.h"
#include "wire/server_process.h"
#include "world/pdd_api.h"

namespace racelab::wire {
namespace {

using ::testing::HasSubstr;

std::unique_ptr<ServerProcess> StartServer(int port = 0) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(RACELAB_TOOL_PATH, port);
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? *std::move(server) : nullptr;
}

HttpRequest RouterGet(absl::string_view query) {
  HttpRequest request;
  request.method = "GET";
  request.url = absl::StrCat(kPddRouterUrl, "?", query);
  return request;
}

TEST(LoopbackUrlTest, KeepsPathAndQueryAndReplacesTheOrigin) {
  EXPECT_EQ(LoopbackUrl("http://127.0.0.1:9", "https://h.example/a/b?x=1"),
            "http://127.0.0.1:9/a/b?x=1");
  EXPECT_EQ(LoopbackUrl("http://127.0.0.1:9", "https://h.example"),
            "http://127.0.0.1:9/");
}

TEST(ServerTest, AnswersLikeTheRouterDoubleAndEchoesWhatItSaw) {
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  HttpTransport transport(server->base_url());
  absl::StatusOr<HttpResponse> response =
      transport.RoundTrip(RouterGet("type=pdd.ddk.goods.detail&a=1"));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status_code, 200);
  EXPECT_EQ(response->server_saw, "type=pdd.ddk.goods.detail&a=1");
  // Unsigned: the router re-verifies and rejects it, like the double.
  EXPECT_THAT(response->body, HasSubstr("error"));

  HttpRequest elsewhere = RouterGet("a=1");
  elsewhere.url = "https://gw-api.pinduoduo.com/not/the/router";
  absl::StatusOr<HttpResponse> not_found = transport.RoundTrip(elsewhere);
  ASSERT_TRUE(not_found.ok()) << not_found.status();
  EXPECT_EQ(not_found->status_code, 404);
}

TEST(ServerTest, SignedRequestsOfEveryClientVariantAreServedOverHttp) {
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  HttpTransport transport(server->base_url());
  for (Variant variant : kFixedVariants) {
    std::unique_ptr<ItemDetailService> service = MakeService(
        variant, DemoCredentials(), &transport, HostInfoMode::kSkip);
    absl::StatusOr<GoodsDetailResult> item =
        service->GetUnionPddItemDetail("goods-sign-7");
    ASSERT_TRUE(item.ok()) << variant << ": " << item.status();
    EXPECT_EQ(item->response.error_code, 0) << variant;
    EXPECT_EQ(item->response.goods_sign, "goods-sign-7") << variant;
    EXPECT_THAT(item->http.server_saw, HasSubstr("goods_sign=goods-sign-7"));
  }
}

// The listening socket's local address, from /proc/net/tcp (hex, as the
// kernel prints it): "0100007F:1F90" is 127.0.0.1:8080.
std::string ListeningAddress(int port) {
  std::ifstream table("/proc/net/tcp");
  std::string line;
  const std::string suffix = absl::StrFormat(":%04X", port);
  while (std::getline(table, line)) {
    // "  sl  local_address rem_address   st ..."; 0A is LISTEN.
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    fields >> slot >> local >> remote >> state;
    if (state == "0A" && absl::EndsWith(local, suffix)) return local;
  }
  return "";
}

TEST(ServerTest, ListensOnLoopbackOnly) {
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(ListeningAddress(server->port()),
            absl::StrFormat("0100007F:%04X", server->port()));
  // And not on IPv6 either.
  std::ifstream table6("/proc/net/tcp6");
  std::string text((std::istreambuf_iterator<char>(table6)), {});
  EXPECT_THAT(text, ::testing::Not(HasSubstr(
                        absl::StrFormat(":%04X 00000000000000000000000000000000"
                                        ":0000 0A",
                                        server->port()))));
}

TEST(ServerTest, ChosenPortInUseIsAClearError) {
  std::unique_ptr<ServerProcess> first = StartServer();
  ASSERT_NE(first, nullptr);
  absl::StatusOr<std::unique_ptr<ServerProcess>> second =
      ServerProcess::Start(RACELAB_TOOL_PATH, first->port());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition)
      << second.status();
  EXPECT_THAT(second.status().message(),
              HasSubstr(absl::StrCat("127.0.0.1:", first->port())));
  EXPECT_THAT(second.status().message(), HasSubstr("--port"));
  // The server's own error as soon as it exits, not the start-up timeout
  // (that would be DeadlineExceeded, "did not say it was listening").
}

TEST(ServerTest, StoppingTheServerLeavesNoProcessBehind) {
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  const pid_t pid = server->pid();
  ASSERT_EQ(kill(pid, 0), 0);
  server.reset();  // SIGTERM, reaped
  EXPECT_EQ(kill(pid, 0), -1);
  EXPECT_EQ(errno, ESRCH);
}

TEST(ServerTest, AServerThatDiesMidRunIsAClearErrorNotAHang) {
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  HttpTransport transport(server->base_url());
  std::unique_ptr<Transport> connection = transport.Connect();
  ASSERT_TRUE(connection->RoundTrip(RouterGet("a")).ok());
  kill(server->pid(), SIGKILL);
  // Until it has died (its sockets closed), without reaping it: the
  // ServerProcess still does that.
  siginfo_t info = {};
  ASSERT_EQ(
      waitid(P_PID, static_cast<id_t>(server->pid()), &info, WEXITED | WNOWAIT),
      0);
  // Its kept connection and any new one both fail, and at once: refused
  // (Unavailable), not waited out (DeadlineExceeded).
  absl::StatusOr<HttpResponse> kept = connection->RoundTrip(RouterGet("b"));
  absl::StatusOr<HttpResponse> fresh = transport.RoundTrip(RouterGet("c"));
  ASSERT_FALSE(kept.ok());
  ASSERT_FALSE(fresh.ok());
  EXPECT_EQ(kept.status().code(), absl::StatusCode::kUnavailable)
      << kept.status();
  EXPECT_EQ(fresh.status().code(), absl::StatusCode::kUnavailable)
      << fresh.status();
}

TEST(ServerTest, ABinaryThatDoesNotRunIsNamed) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start("/nonexistent/racelab");
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(server.status().message(), HasSubstr("/nonexistent/racelab"));
}

// A port nobody listens on: bound, not listening, kept for the test.
class UnusedPort {
 public:
  UnusedPort() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    socklen_t size = sizeof(address);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
  }
  ~UnusedPort() { close(fd_); }
  int port() const { return port_; }

 private:
  const int fd_;
  int port_ = 0;
};

TEST(TransportErrorTest, NoServerIsUnavailableAndSaysSo) {
  UnusedPort port;
  HttpTransport transport(absl::StrCat("http://127.0.0.1:", port.port()));
  absl::StatusOr<HttpResponse> response = transport.RoundTrip(RouterGet("a"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(response.status().message(), HasSubstr("is the server running"));
}

// A server that accepts one connection and then does `what` with it.
class RogueServer {
 public:
  enum class Behaviour { kStall, kHangUp, kGarbage };

  explicit RogueServer(Behaviour behaviour)
      : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    listen(fd_, 4);
    socklen_t size = sizeof(address);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this, behaviour] {
      const int client = accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      char buffer[4096];
      (void)!read(client, buffer, sizeof(buffer));
      if (behaviour == Behaviour::kGarbage) {
        static const char kGarbage[] = "NOT HTTP AT ALL\r\n\r\n";
        (void)!write(client, kGarbage, sizeof(kGarbage) - 1);
      }
      if (behaviour == Behaviour::kStall) {
        while (!done_.load()) absl::SleepFor(absl::Milliseconds(10));
      }
      close(client);
    });
  }
  ~RogueServer() {
    done_.store(true);
    shutdown(fd_, SHUT_RDWR);
    thread_.join();
    close(fd_);
  }
  std::string base_url() const {
    return absl::StrCat("http://127.0.0.1:", port_);
  }

 private:
  const int fd_;
  int port_ = 0;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

TEST(TransportErrorTest, AStalledServerIsADeadlineWithinTheTimeout) {
  RogueServer server(RogueServer::Behaviour::kStall);
  WireTimeouts timeouts;
  timeouts.request = absl::Milliseconds(300);
  HttpTransport transport(server.base_url(), timeouts);
  absl::StatusOr<HttpResponse> response = transport.RoundTrip(RouterGet("a"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDeadlineExceeded)
      << response.status();
}

TEST(TransportErrorTest, AClosedConnectionIsUnavailableAndSaysSo) {
  RogueServer server(RogueServer::Behaviour::kHangUp);
  HttpTransport transport(server.base_url());
  absl::StatusOr<HttpResponse> response = transport.RoundTrip(RouterGet("a"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable)
      << response.status();
  EXPECT_THAT(response.status().message(), HasSubstr("closed the connection"));
}

TEST(TransportErrorTest, AMalformedResponseIsDataLoss) {
  RogueServer server(RogueServer::Behaviour::kGarbage);
  HttpTransport transport(server.base_url());
  absl::StatusOr<HttpResponse> response = transport.RoundTrip(RouterGet("a"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDataLoss)
      << response.status();
  EXPECT_THAT(response.status().message(), HasSubstr("malformed"));
}

TEST(ConnectionTest, OneHandleCarriesGetPostAndOtherMethodsInTurn) {
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  HttpTransport transport(server->base_url());
  std::unique_ptr<Transport> connection = transport.Connect();
  HttpRequest post = RouterGet("");
  post.method = "POST";
  post.url = std::string(kPddRouterUrl);
  post.body = "type=pdd.ddk.goods.detail&b=2";
  post.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  HttpRequest put = post;
  put.method = "PUT";
  for (const HttpRequest& request :
       {RouterGet("a=1"), post, RouterGet("a=3"), put, RouterGet("a=5")}) {
    absl::StatusOr<HttpResponse> response = connection->RoundTrip(request);
    ASSERT_TRUE(response.ok()) << request.method << ": " << response.status();
    if (request.method == "GET") {
      EXPECT_EQ(response->server_saw,
                request.url.substr(request.url.find('?') + 1));
    } else if (request.method == "POST") {
      EXPECT_EQ(response->server_saw, "type=pdd.ddk.goods.detail&b=2");
    } else {
      EXPECT_EQ(response->status_code, 405) << "the router answers GET/POST";
    }
  }
}

TEST(ConnectionTest, AClientKeepsOneConnectionAndRoundTripReusesIdleOnes) {
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  CurlEasy easy(server->base_url());
  const int64_t before = ConnectionsOpenedInProcess();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(easy.Perform(RouterGet(absl::StrCat("i=", i))).ok());
  }
  EXPECT_EQ(ConnectionsOpenedInProcess() - before, 1);
  HttpTransport transport(server->base_url());
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(transport.RoundTrip(RouterGet("a")).ok());
  EXPECT_EQ(transport.handles_made(), 1);
}

}  // namespace
}  // namespace racelab::wire
