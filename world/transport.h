// world/transport.h
//
// The boundary between an HTTP client and "the network": HttpRequest,
// HttpResponse and the Transport interface. racelab's clients (repro/ and
// fixed/) hand every request to a Transport; the default one is the
// in-process PDD router double (pdd_router.h), so a whole request path runs
// without a network and the server side can check what it received.

#ifndef RACELAB_WORLD_TRANSPORT_H_
#define RACELAB_WORLD_TRANSPORT_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "world/query.h"

namespace racelab {

// A request as it leaves the client. Plain value type.
struct HttpRequest {
  std::string method;  // "GET" or "POST"
  std::string url;     // absolute URL; for GET it carries the query string
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // form-encoded parameters for POST, empty for GET
};

// A response as the server produced it. Plain value type.
struct HttpResponse {
  int status_code = 0;
  std::string body;
  // The parameters exactly as the server received them (query or form
  // body). Lets a caller prove which request the server actually saw.
  std::string server_saw;
};

// Everything gorequest put into one request, gathered from wherever the
// client variant keeps it (a shared App, or a per-call request object).
struct RequestParts {
  std::string method;  // "GET" or "POST"
  std::string uri;
  ParamMap params;
  ParamMap headers;
  std::string cookie;        // sent as a Cookie header if not empty
  std::string content_type;  // sent as Content-Type if not empty
  std::string user_agent;    // sent as User-Agent if not empty
};

// ComposeHttpRequest() lays the parts out as gorequest did: GET parameters
// in the URL's query string, POST parameters as a form body; headers sorted
// by name.
HttpRequest ComposeHttpRequest(RequestParts parts);

// Transport sends one request and returns its response.
//
// Thread safety: implementations MUST allow concurrent RoundTrip() calls
// from any number of threads; a shared client relies on it. A connection
// from Connect() promises less: see there.
class Transport {
 public:
  virtual ~Transport() = default;

  // Transport::RoundTrip()
  // Returns the server's response, or a non-OK status if none was produced
  // (the analogue of a network error).
  virtual absl::StatusOr<HttpResponse> RoundTrip(
      const HttpRequest& request) = 0;

  // Transport::Connect()
  // A connection for ONE client object to keep for its lifetime, as a
  // gorequest App kept its net/http client: repro's HttpApp sends through
  // one. Over HTTP it owns one libcurl easy handle (wire/http_transport.h),
  // so it is exactly as thread-safe as a CURL handle: one thread at a time.
  // The default forwards to this transport, which keeps no per-client
  // state. REQUIRES: this transport outlives the connection.
  virtual std::unique_ptr<Transport> Connect();
};

}  // namespace racelab

#endif  // RACELAB_WORLD_TRANSPORT_H_
