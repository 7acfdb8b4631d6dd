// wire/pdd_http_server.cc

#include "wire/pdd_http_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/check.h"
#include "wire/curl_easy.h"

namespace racelab::wire {
namespace {

// The router's origin: the double answers only its own URL.
constexpr char kRouterOrigin[] = "https://gw-api.pinduoduo.com";

}  // namespace

PddHttpServer::PddHttpServer(PddCredentials credentials)
    : router_(std::move(credentials)),
      server_(std::make_unique<httplib::Server>()) {
  server_->new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  // Keep-alive as long as a client wants it (the default closes after 5
  // requests, which would turn every "kept" connection into a new one).
  server_->set_keep_alive_max_count(1000000);
  server_->set_keep_alive_timeout(30);
  // Reply at once: with Nagle on, a reply written in two parts waits for
  // the client's delayed ACK (40 ms per request on a kept connection).
  server_->set_tcp_nodelay(true);
  // SO_REUSEADDR only: cpp-httplib's default also sets SO_REUSEPORT, with
  // which a second server binds a port in use and silently shares it.
  server_->set_socket_options([this](int sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listening_socket_ = sock;
  });
  const auto handler = [this](const httplib::Request& in,
                              httplib::Response& out) {
    HttpRequest request;
    request.method = in.method;
    request.url = absl::StrCat(kRouterOrigin, in.target);
    request.body = in.body;
    for (const auto& [name, value] : in.headers) {
      request.headers.emplace_back(name, value);
    }
    absl::StatusOr<HttpResponse> response = router_.RoundTrip(request);
    if (!response.ok()) {
      out.status = 500;
      out.set_content(std::string(response.status().message()), "text/plain");
      return;
    }
    out.status = response->status_code;
    out.set_header(kServerSawHeader, response->server_saw);
    out.set_content(response->body, "application/json");
  };
  // Every path and method goes to the double, which answers 404 and 405.
  constexpr char kAnyPath[] = R"(/.*)";
  server_->Get(kAnyPath, handler);
  server_->Post(kAnyPath, handler);
  server_->Put(kAnyPath, handler);
  server_->Delete(kAnyPath, handler);
  server_->Patch(kAnyPath, handler);
}

PddHttpServer::~PddHttpServer() = default;

// cpp-httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG,
// compiled into Debian's library): 8 clients connecting at once overflow it,
// the kernel drops their SYNs, and each retries after 1 s (measured: 8
// threads with a connection per request ran at ~80 requests/s instead of
// ~20,000). Listening again on the bound socket raises the backlog (Linux
// updates it in place).
void PddHttpServer::RaiseBacklog() {
  if (listening_socket_ >= 0) listen(listening_socket_, SOMAXCONN);
}

absl::StatusOr<int> PddHttpServer::Bind(int port) {
  if (port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("port ", port, " is not a TCP port (0..65535)"));
  }
  if (port == 0) {
    const int bound = server_->bind_to_any_port("127.0.0.1");
    if (bound <= 0) {
      return absl::UnavailableError(
          "cannot bind any port on 127.0.0.1 (is loopback configured?)");
    }
    port_ = bound;
    RaiseBacklog();
    return bound;
  }
  if (!server_->bind_to_port("127.0.0.1", port)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot listen on 127.0.0.1:", port,
        ": the port is in use or not permitted; pick another with --port, "
        "or --port=0 for any free one"));
  }
  port_ = port;
  RaiseBacklog();
  return port;
}

absl::Status PddHttpServer::Serve() {
  RACELAB_CHECK(port_ > 0, "PddHttpServer::Serve() before a successful Bind()");
  if (!server_->listen_after_bind()) {
    return absl::InternalError("the HTTP server stopped with an error");
  }
  return absl::OkStatus();
}

void PddHttpServer::Stop() { server_->stop(); }

}  // namespace racelab::wire
