// variants/run_transport.h
//
// RunTransport: what a run sends its requests through, by name, and what
// must stay alive for it. In process (the default): the PDD router double,
// no network. Over HTTP: a loopback server process (wire/server_process.h)
// and a libcurl transport to it, with the handle strategy chosen:
//
//   per_client    each client object keeps ONE easy handle (Connect());
//                 a client that keeps none borrows an idle one (the
//                 default: the port as Go's net/http would have it)
//   shared        ONE handle for every request of every thread
//                 (repro/shared_handle.h: intentionally racy)
//   per_request   a new handle per request (fixed/handles/)
//   per_thread    a handle per calling thread, kept alive
//   pool          4 handles, each lent to one request at a time
//   curl_share    a handle per request, one CURLSH connection cache
//
// Every strategy but per_client replaces the clients' own connections: all
// requests of all clients go through the strategy's handles, so a variant
// whose client is thread-safe (copying) isolates the handle's behaviour.
//
// Thread safety: constant after Open(); transport() is as thread-safe as
// Transport promises.

#ifndef RACELAB_VARIANTS_RUN_TRANSPORT_H_
#define RACELAB_VARIANTS_RUN_TRANSPORT_H_

#include <array>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/enum_table.h"
#include "wire/curl_easy.h"
#include "world/pdd_api.h"
#include "world/transport.h"

namespace racelab {

enum class TransportKind { kInProcess, kHttp };
inline constexpr EnumTable<TransportKind, 2> kTransportKindTable(
    "transport",
    {{{TransportKind::kInProcess, "inproc",
       "the in-process PDD router double (no network)"},
      {TransportKind::kHttp, "http",
       "libcurl to a loopback PDD server (racelab serve) on 127.0.0.1"}}});

enum class Handles {
  kPerClient,
  kShared,
  kPerRequest,
  kPerThread,
  kPool,
  kCurlShare
};
inline constexpr EnumTable<Handles, 6> kHandlesTable(
    "handles",
    {{{Handles::kPerClient, "per_client",
       "one easy handle per client object (the default)"},
      {Handles::kShared, "shared",
       "repro/shared_handle: ONE easy handle for every thread "
       "(intentionally racy)"},
      {Handles::kPerRequest, "per_request",
       "fixed/handles: a new easy handle (and connection) per request"},
      {Handles::kPerThread, "per_thread",
       "fixed/handles: one easy handle per thread, kept alive"},
      {Handles::kPool, "pool",
       "fixed/handles: a pool of 4 easy handles, one borrower each"},
      {Handles::kCurlShare, "curl_share",
       "fixed/handles: a handle per request, one CURLSH connection cache "
       "with lock callbacks"}}});
inline constexpr std::array<Handles, 6> kAllHandles = kHandlesTable.Values();
// The strategies of the shared-handle exhibit's cures.
inline constexpr std::array<Handles, 4> kHandleFixes = {
    Handles::kPerRequest, Handles::kPerThread, Handles::kPool,
    Handles::kCurlShare};

constexpr absl::string_view HandlesName(Handles handles) {
  return kHandlesTable.Name(handles);
}
// For test names and messages.
inline std::ostream& operator<<(std::ostream& out, Handles handles) {
  return out << HandlesName(handles);
}
constexpr absl::string_view TransportKindName(TransportKind kind) {
  return kTransportKindTable.Name(kind);
}

struct TransportOptions {
  TransportKind kind = TransportKind::kInProcess;
  Handles handles = Handles::kPerClient;  // over HTTP only
  int port = 0;                           // the server's; 0: any free one
  // The racelab binary that runs `serve` (over HTTP only).
  std::string server_binary;
  wire::WireTimeouts timeouts;
};

// The same choice as a child hammer's arguments (empty in process).
std::vector<std::string> TransportArgs(const TransportOptions& options);

// InvalidArgument for a port outside 0..65535, handles other than
// per_client in process, or no server binary over HTTP.
absl::Status ValidateTransportOptions(const TransportOptions& options);

// A transport to the server at `base_url` with `handles`' strategy.
std::unique_ptr<Transport> MakeHttpTransport(Handles handles,
                                             const std::string& base_url,
                                             wire::WireTimeouts timeouts);

class RunTransport {
 public:
  // RunTransport::Open()
  // Starts what `options` need (over HTTP: the server process, which is
  // stopped when this object goes). Errors from the server's start name
  // the cause (a port in use, a binary that does not run).
  static absl::StatusOr<std::unique_ptr<RunTransport>> Open(
      const TransportOptions& options, const PddCredentials& credentials);

  virtual ~RunTransport() = default;
  virtual Transport* transport() = 0;
  // "in-process router double" or "http://127.0.0.1:PORT, handles shared".
  virtual std::string Describe() const = 0;
};

}  // namespace racelab

#endif  // RACELAB_VARIANTS_RUN_TRANSPORT_H_
