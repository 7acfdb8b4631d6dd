// wire/pdd_http_server.h
//
// PddHttpServer: the PDD router double (world/pdd_router.h) served over
// real HTTP/1.1 on 127.0.0.1 only, with cpp-httplib. Every request is
// rebuilt as the router's URL (https://gw-api.pinduoduo.com + the request
// target) and answered by the double, which re-verifies the signature and
// echoes the requested item; what the server received comes back in the
// X-Racelab-Server-Saw header.
//
// It runs in a process of its own (`racelab serve`, started by
// server_process.h): cpp-httplib is not built with ThreadSanitizer, and in a
// TSan process its uninstrumented code gives false reports, so no TSan
// process under test ever runs server code.
//
// Thread safety: Bind() and Serve() from one thread; Stop() from any thread
// (it makes Serve() return). Requests are served by a pool of kWorkers
// threads; the router double is immutable.

#ifndef RACELAB_WIRE_PDD_HTTP_SERVER_H_
#define RACELAB_WIRE_PDD_HTTP_SERVER_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "world/pdd_api.h"
#include "world/pdd_router.h"

namespace httplib {
class Server;
}

namespace racelab::wire {

class PddHttpServer {
 public:
  // Enough workers for 16 client threads that each keep a connection alive,
  // with room for connections per request in flight.
  static constexpr int kWorkers = 64;

  explicit PddHttpServer(PddCredentials credentials);
  ~PddHttpServer();

  PddHttpServer(const PddHttpServer&) = delete;
  PddHttpServer& operator=(const PddHttpServer&) = delete;

  // PddHttpServer::Bind()
  // Binds 127.0.0.1:`port` (0: an ephemeral port) and returns the port.
  // FailedPrecondition naming the port if it is in use.
  absl::StatusOr<int> Bind(int port);

  // PddHttpServer::Serve()
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  absl::Status Serve();

  void Stop();

 private:
  // Constant after construction.
  PddRouterDouble router_;
  const std::unique_ptr<httplib::Server> server_;

  void RaiseBacklog();

  // Set by Bind(), read by Serve(): the one thread that calls both.
  int port_ = 0;
  int listening_socket_ = -1;
};

}  // namespace racelab::wire

#endif  // RACELAB_WIRE_PDD_HTTP_SERVER_H_
