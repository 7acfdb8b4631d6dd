// variants/run_transport.cc

#include "variants/run_transport.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "fixed/handles/curl_share.h"
#include "fixed/handles/handle_per_request.h"
#include "fixed/handles/handle_per_thread.h"
#include "fixed/handles/handle_pool.h"
#include "repro/shared_handle.h"
#include "wire/http_transport.h"
#include "wire/server_process.h"
#include "world/pdd_router.h"

namespace racelab {
namespace {

class InProcess final : public RunTransport {
 public:
  explicit InProcess(const PddCredentials& credentials)
      : router_(credentials) {}
  Transport* transport() override { return &router_; }
  std::string Describe() const override { return "in-process router double"; }

 private:
  PddRouterDouble router_;
};

class OverHttp final : public RunTransport {
 public:
  OverHttp(std::unique_ptr<wire::ServerProcess> server,
           std::unique_ptr<Transport> transport, Handles handles)
      : server_(std::move(server)),
        transport_(std::move(transport)),
        handles_(handles) {}
  Transport* transport() override { return transport_.get(); }
  std::string Describe() const override {
    return absl::StrCat(server_->base_url(), ", handles ",
                        HandlesName(handles_));
  }

 private:
  // Declared first, so destroyed last: no handle outlives its peer.
  const std::unique_ptr<wire::ServerProcess> server_;
  const std::unique_ptr<Transport> transport_;
  const Handles handles_;
};

}  // namespace

std::unique_ptr<Transport> MakeHttpTransport(Handles handles,
                                             const std::string& base,
                                             wire::WireTimeouts timeouts) {
  switch (handles) {
    case Handles::kPerClient:
      return std::make_unique<wire::HttpTransport>(base, timeouts);
    case Handles::kShared:
      return std::make_unique<repro::SharedHandleTransport>(base, timeouts);
    case Handles::kPerRequest:
      return std::make_unique<fixed::handles::HandlePerRequestTransport>(
          base, timeouts);
    case Handles::kPerThread:
      return std::make_unique<fixed::handles::HandlePerThreadTransport>(
          base, timeouts);
    case Handles::kPool:
      return std::make_unique<fixed::handles::HandlePoolTransport>(
          base, fixed::handles::kDefaultHandlePoolSize, timeouts);
    case Handles::kCurlShare:
      return std::make_unique<fixed::handles::CurlShareTransport>(base,
                                                                  timeouts);
  }
  return nullptr;
}

std::vector<std::string> TransportArgs(const TransportOptions& options) {
  if (options.kind == TransportKind::kInProcess) return {};
  return {absl::StrCat("--transport=", TransportKindName(options.kind)),
          absl::StrCat("--handles=", HandlesName(options.handles)),
          absl::StrCat("--port=", options.port)};
}

absl::Status ValidateTransportOptions(const TransportOptions& options) {
  if (options.port < 0 || options.port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--port=", options.port, " is not a TCP port (0..65535; 0: any)"));
  }
  if (options.kind == TransportKind::kInProcess) {
    if (options.handles != Handles::kPerClient) {
      return absl::InvalidArgumentError(
          absl::StrCat("--handles=", HandlesName(options.handles),
                       " needs --transport=http (there are no CURL handles "
                       "in process)"));
    }
    return absl::OkStatus();
  }
  if (options.server_binary.empty()) {
    return absl::InvalidArgumentError(
        "--transport=http needs the racelab binary to start the server");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<RunTransport>> RunTransport::Open(
    const TransportOptions& options, const PddCredentials& credentials) {
  if (absl::Status valid = ValidateTransportOptions(options); !valid.ok()) {
    return valid;
  }
  if (options.kind == TransportKind::kInProcess) {
    return std::make_unique<InProcess>(credentials);
  }
  absl::StatusOr<std::unique_ptr<wire::ServerProcess>> server =
      wire::ServerProcess::Start(options.server_binary, options.port);
  if (!server.ok()) return server.status();
  std::unique_ptr<Transport> transport = MakeHttpTransport(
      options.handles, (*server)->base_url(), options.timeouts);
  return std::make_unique<OverHttp>(*std::move(server), std::move(transport),
                                    options.handles);
}

}  // namespace racelab
