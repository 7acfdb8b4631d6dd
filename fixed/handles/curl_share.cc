// fixed/handles/curl_share.cc

#include "fixed/handles/curl_share.h"

#include <curl/curl.h>

#include <cstdlib>
#include <utility>

namespace racelab::fixed::handles {
namespace {

CURLSH* MakeShare() {
  wire::InitCurlOnce();
  CURLSH* share = curl_share_init();
  if (share == nullptr) std::abort();  // out of memory in libcurl
  return share;
}

}  // namespace

CurlShareTransport::CurlShareTransport(std::string base_url,
                                       wire::WireTimeouts timeouts)
    : base_url_(std::move(base_url)), timeouts_(timeouts), share_(MakeShare()) {
  curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
  curl_share_setopt(
      share_, CURLSHOPT_LOCKFUNC,
      +[](CURL* handle, curl_lock_data data, curl_lock_access access,
          void* self) { Lock(handle, data, access, self); });
  curl_share_setopt(
      share_, CURLSHOPT_UNLOCKFUNC,
      +[](CURL* handle, curl_lock_data data, void* self) {
        Unlock(handle, data, self);
      });
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
}

CurlShareTransport::~CurlShareTransport() { curl_share_cleanup(share_); }

void CurlShareTransport::Lock(CURL*, int data, int, void* self) {
  // A shared lock would do for CURL_LOCK_ACCESS_SHARED, but libcurl asks
  // for single access for everything it shares here.
  static_cast<CurlShareTransport*>(self)->locks_[data % 16].Lock();
}

void CurlShareTransport::Unlock(CURL*, int data, void* self) {
  static_cast<CurlShareTransport*>(self)->locks_[data % 16].Unlock();
}

absl::StatusOr<HttpResponse> CurlShareTransport::RoundTrip(
    const HttpRequest& request) {
  // FIX: this request's own handle; only the share's caches are common, and
  // libcurl enters them under the locks above.
  wire::CurlEasy handle(base_url_, timeouts_, share_);
  return handle.Perform(request);
}

}  // namespace racelab::fixed::handles
