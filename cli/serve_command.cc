// cli/serve_command.cc
//
// `racelab serve`: the PDD router double over HTTP on 127.0.0.1
// (wire/pdd_http_server.h) until SIGTERM or SIGINT. Prints one line once it
// listens, "racelab serve: listening on http://127.0.0.1:PORT", which
// wire/server_process.h waits for.

#include <signal.h>

#include <cstdio>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "variants/variants.h"
#include "wire/pdd_http_server.h"

namespace racelab {

absl::StatusOr<Conclusion> ServeCommand(const Arguments&) {
  // A client that hangs up mid-reply must not kill the server.
  signal(SIGPIPE, SIG_IGN);
  // SIGTERM and SIGINT are taken by one thread with sigwait(), which then
  // stops the server: stop() is not async-signal-safe, so no handler calls
  // it. Blocked here, before any thread starts, so every thread inherits it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  wire::PddHttpServer server(DemoCredentials());
  absl::StatusOr<int> port = server.Bind(absl::GetFlag(FLAGS_port));
  if (!port.ok()) {
    // A port in use is the user's to change: say so as bad usage.
    return absl::InvalidArgumentError(port.status().message());
  }
  std::printf("racelab serve: listening on http://127.0.0.1:%d\n", *port);
  std::fflush(stdout);
  std::thread stopper([&server, &stop_signals] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server.Stop();
  });
  absl::Status served = server.Serve();
  // Serve() returned on its own (an error): wake the stopper and join it.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  if (!served.ok()) return served;
  return Conclusion::kAsExpected;
}

}  // namespace racelab
