// wire/server_process.h
//
// ServerProcess: the loopback PDD server (`racelab serve`) as a child
// process, started and stopped by whoever needs a wire: the racelab tool's
// --transport=http, the tests, the benchmarks. Start() returns once the
// server listens (it prints "racelab serve: listening on
// http://127.0.0.1:PORT"), or an error within `startup_timeout`; the
// destructor stops it (SIGTERM, then SIGKILL after 2 s) and reaps it. If
// this process dies first, the kernel sends the server SIGTERM
// (PR_SET_PDEATHSIG), so no server outlives its user.
//
// In a ThreadSanitizer build the server is this same binary, run with
// TSAN_OPTIONS=report_bugs=0: its process is not under test, and
// cpp-httplib's uninstrumented code would only produce false reports there.
//
// Thread safety: constant after Start(); any thread may read base_url().

#ifndef RACELAB_WIRE_SERVER_PROCESS_H_
#define RACELAB_WIRE_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace racelab::wire {

class ServerProcess {
 public:
  // ServerProcess::Start()
  // Runs `racelab_binary serve --port=PORT` (0: any free port) and waits for
  // its "listening" line. Errors: the binary cannot run, the server's own
  // error (a port in use is FailedPrecondition, its message from the
  // server), or no line within `startup_timeout` (DeadlineExceeded).
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const std::string& racelab_binary, int port = 0,
      absl::Duration startup_timeout = absl::Seconds(10));

  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:PORT"
  const std::string& base_url() const { return base_url_; }
  pid_t pid() const { return pid_; }

 private:
  ServerProcess(pid_t pid, int port);

  // Constant after construction.
  const pid_t pid_;
  const int port_;
  const std::string base_url_;
};

}  // namespace racelab::wire

#endif  // RACELAB_WIRE_SERVER_PROCESS_H_
