// world/pdd_api.cc

#include "world/pdd_api.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace racelab {
namespace {

// MD5 through one context per thread, initialised once with a digest
// fetched once. The obvious EVP_Digest(..., EVP_md5(), ...) makes OpenSSL 3
// fetch the algorithm from its shared provider store on every call, under
// the store's lock: measured on 2 cores, a 200-byte digest took 1,142 ns
// instead of 544 ns, and two threads reached only 1.5x one thread's rate
// (2.0x this way). Go's crypto/md5 has no shared state, so neither should
// the harness's signing, which every strategy's request pays twice.
struct Md5ContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using Md5Context = std::unique_ptr<EVP_MD_CTX, Md5ContextDeleter>;

// Fetched before main() (single-threaded), never freed.
const EVP_MD* const fetched_md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);

// Only possible if OpenSSL cannot provide MD5 at all (a FIPS-only
// configuration): signing cannot work then, so say so loudly.
[[noreturn]] void NoMd5() {
  std::fprintf(stderr, "racelab: OpenSSL cannot compute MD5 here\n");
  std::abort();
}

EVP_MD_CTX* ThisThreadMd5Context() {
  thread_local const Md5Context context = [] {
    Md5Context made(EVP_MD_CTX_new());
    if (made == nullptr || fetched_md5 == nullptr ||
        EVP_DigestInit_ex2(made.get(), fetched_md5, nullptr) != 1) {
      NoMd5();
    }
    return made;
  }();
  return context.get();
}

std::string Md5UpperHex(absl::string_view data) {
  EVP_MD_CTX* context = ThisThreadMd5Context();
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest;
  unsigned int digest_size = 0;
  // A null type restarts the context with the digest it already has.
  if (EVP_DigestInit_ex2(context, nullptr, nullptr) != 1 ||
      EVP_DigestUpdate(context, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context, digest.data(), &digest_size) != 1) {
    NoMd5();
  }
  return absl::AsciiStrToUpper(absl::BytesToHexString(absl::string_view(
      reinterpret_cast<const char*>(digest.data()), digest_size)));
}

}  // namespace

std::string PddSign(const ParamMap& params, absl::string_view client_secret) {
  std::vector<const ParamMap::value_type*> sorted;
  sorted.reserve(params.size());
  for (const auto& entry : params) {
    if (entry.first != "sign") sorted.push_back(&entry);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string plain(client_secret);
  for (const auto* entry : sorted) {
    absl::StrAppend(&plain, entry->first, entry->second);
  }
  absl::StrAppend(&plain, client_secret);
  return Md5UpperHex(plain);
}

ParamMap NewParamsWithType(absl::string_view type) {
  ParamMap params;
  params["type"] = std::string(type);
  // std::chrono, not absl::Now(): the latter reads a seqlock inside
  // Debian's libabsl_time that Valgrind cannot see, which makes Helgrind and
  // DRD report false races on every request.
  params["timestamp"] =
      absl::StrCat(std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count());
  return params;
}

ParamMap GoodsDetailParams(absl::string_view goods_sign, absl::string_view pid,
                           const ParamMap& not_must_params) {
  ParamMap params = NewParamsWithType(kGoodsDetailType);
  for (const auto& [key, value] : not_must_params) params[key] = value;
  params["goods_sign"] = std::string(goods_sign);
  params["pid"] = std::string(pid);
  return params;
}

void SignParams(const PddCredentials& credentials, ParamMap& params) {
  params["client_id"] = credentials.client_id;
  params["sign"] = PddSign(params, credentials.client_secret);
}

std::string FormatGoodsDetailBody(const GoodsDetailResponse& response) {
  ParamMap fields;
  if (response.error_code != 0) {
    fields["error_code"] = absl::StrCat(response.error_code);
    fields["error_msg"] = response.error_msg;
  } else {
    fields["goods_sign"] = response.goods_sign;
    fields["goods_name"] = response.goods_name;
  }
  return EncodeQuery(fields);
}

absl::StatusOr<GoodsDetailResponse> ParseGoodsDetailBody(
    absl::string_view body) {
  absl::StatusOr<ParamMap> fields = ParseQuery(body);
  if (!fields.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("goods detail body: ", fields.status().message()));
  }
  GoodsDetailResponse response;
  if (auto it = fields->find("error_code"); it != fields->end()) {
    if (!absl::SimpleAtoi(it->second, &response.error_code) ||
        response.error_code == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "goods detail body: bad error_code \"", it->second, "\""));
    }
    response.error_msg = (*fields)["error_msg"];
    return response;
  }
  auto sign = fields->find("goods_sign");
  if (sign == fields->end()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "goods detail body has neither error_code nor goods_sign: \"", body,
        "\""));
  }
  response.goods_sign = sign->second;
  response.goods_name = (*fields)["goods_name"];
  return response;
}

absl::StatusOr<GoodsDetailResult> ToGoodsDetailResult(
    absl::StatusOr<HttpResponse> http) {
  if (!http.ok()) return http.status();
  if (http->status_code != 200) {
    return absl::UnavailableError(absl::StrCat(
        "router answered HTTP ", http->status_code, ": ", http->body));
  }
  absl::StatusOr<GoodsDetailResponse> response =
      ParseGoodsDetailBody(http->body);
  if (!response.ok()) return response.status();
  return GoodsDetailResult{*std::move(response), *std::move(http)};
}

}  // namespace racelab
