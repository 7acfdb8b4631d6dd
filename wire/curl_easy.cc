// wire/curl_easy.cc

#include "wire/curl_easy.h"

#include <curl/curl.h>

#include <atomic>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/base/call_once.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace racelab::wire {
namespace {

size_t AppendBody(char* data, size_t size, size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

size_t ReadHeader(char* data, size_t size, size_t count, void* saw) {
  absl::string_view line(data, size * count);
  const size_t colon = line.find(':');
  if (colon != absl::string_view::npos &&
      absl::EqualsIgnoreCase(line.substr(0, colon), kServerSawHeader)) {
    *static_cast<std::string*>(saw) =
        std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
  }
  return size * count;
}

absl::Status Failure(CURLcode code, const char* detail,
                     absl::string_view method, absl::string_view url) {
  std::string what =
      absl::StrCat(method, " ", url, ": ",
                   detail[0] != '\0' ? detail : curl_easy_strerror(code));
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      return absl::UnavailableError(
          absl::StrCat(what, " (is the server running? racelab serve)"));
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
      return absl::UnavailableError(
          absl::StrCat(what, " (the server closed the connection)"));
    case CURLE_OPERATION_TIMEDOUT:
      return absl::DeadlineExceededError(what);
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_UNSUPPORTED_PROTOCOL:  // a reply without a status line
      return absl::DataLossError(
          absl::StrCat(what, " (a malformed HTTP response)"));
    default:
      return absl::InternalError(what);
  }
}

std::atomic<int64_t> connections_in_process{0};

}  // namespace

int64_t ConnectionsOpenedInProcess() {
  return connections_in_process.load(std::memory_order_relaxed);
}

void InitCurlOnce() {
  static absl::once_flag once;
  absl::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      // Nothing can be sent without it; this is not a per-request error.
      std::abort();
    }
  });
}

std::string LoopbackUrl(absl::string_view base, absl::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == absl::string_view::npos) return absl::StrCat(base, url);
  const size_t path = url.find('/', scheme + 3);
  if (path == absl::string_view::npos) return absl::StrCat(base, "/");
  return absl::StrCat(base, url.substr(path));
}

CurlEasy::CurlEasy(std::string base_url, WireTimeouts timeouts, CURLSH* share)
    : base_url_(std::move(base_url)),
      handle_((InitCurlOnce(), curl_easy_init())) {
  if (handle_ == nullptr) std::abort();  // out of memory in libcurl
  // No signals: libcurl's timeouts would otherwise use SIGALRM, which is
  // process-wide and unsafe with threads (libcurl-thread(3)).
  curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(
      handle_, CURLOPT_CONNECTTIMEOUT_MS,
      static_cast<long>(absl::ToInt64Milliseconds(timeouts.connect)));
  curl_easy_setopt(
      handle_, CURLOPT_TIMEOUT_MS,
      static_cast<long>(absl::ToInt64Milliseconds(timeouts.request)));
  curl_easy_setopt(handle_, CURLOPT_PROTOCOLS_STR, "http");
  curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(handle_, CURLOPT_HEADERFUNCTION, ReadHeader);
  if (share != nullptr) {
    curl_easy_setopt(handle_, CURLOPT_SHARE, share);
    // libcurl keeps at most CURLOPT_MAXCONNECTS (default 5) connections in
    // the cache and closes the oldest beyond that; with more threads than
    // that in flight, every returned connection pushed another one out and
    // the shared cache degraded to a connection per request (measured: 0.98
    // new connections per request at 16 threads).
    curl_easy_setopt(handle_, CURLOPT_MAXCONNECTS, kSharedCacheConnections);
  }
}

// The guard is compiled in only where CMake's RACELAB_HANDLE_GUARD says so
// (racelab_guard, with the map guard), so that the plain build shows what a
// shared handle does with nothing watching (the audit).
#ifdef RACELAB_HANDLE_GUARD
#define RACELAB_GUARD_HANDLE_USE() HandleGuard::Use use(guard_)
#else
#define RACELAB_GUARD_HANDLE_USE() static_cast<void>(guard_)
#endif

CurlEasy::~CurlEasy() {
  RACELAB_GUARD_HANDLE_USE();
  curl_easy_cleanup(handle_);
}

absl::StatusOr<HttpResponse> CurlEasy::Perform(const HttpRequest& request) {
  RACELAB_GUARD_HANDLE_USE();
  HttpResponse response;
  char error[CURL_ERROR_SIZE] = "";
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers =
        curl_slist_append(headers, absl::StrCat(name, ": ", value).c_str());
  }
  // No "Expect: 100-continue" round of its own for a large form body.
  headers = curl_slist_append(headers, "Expect:");
  const std::string url = LoopbackUrl(base_url_, request.url);
  curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(handle_, CURLOPT_HEADERDATA, &response.server_saw);
  if (request.method == "GET") {
    curl_easy_setopt(handle_, CURLOPT_HTTPGET, 1L);
  } else {
    // Any other method sends this request's body (libcurl keeps only the
    // pointer, so it is set on every such call, never left from the last).
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE,
                     static_cast<long>(request.body.size()));
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, request.body.c_str());
    if (request.method != "POST") {
      curl_easy_setopt(handle_, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
  }
  const CURLcode code = curl_easy_perform(handle_);
  long connects = 0;
  curl_easy_getinfo(handle_, CURLINFO_NUM_CONNECTS, &connects);
  connections_in_process.fetch_add(connects, std::memory_order_relaxed);
  long status = 0;
  curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status);
  // Nothing of this call's may stay in the handle: the slist is freed, and
  // the next call sets its own buffers.
  curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(handle_, CURLOPT_CUSTOMREQUEST, nullptr);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) return Failure(code, error, request.method, url);
  response.status_code = static_cast<int>(status);
  return response;
}

}  // namespace racelab::wire
