// cli/build_identity.cc

#include "cli/build_identity.h"

#include <openssl/evp.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/read_file.h"

namespace racelab {
namespace {

struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

}  // namespace

absl::StatusOr<std::string> BuildIdentity(
    const std::vector<std::string>& tools) {
  std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> context(EVP_MD_CTX_new());
  if (context == nullptr ||
      EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) {
    return absl::InternalError("cannot start a SHA-256 digest (OpenSSL)");
  }
  for (const std::string& tool : tools) {
    if (tool.empty()) continue;
    absl::StatusOr<std::string> bytes = ReadFile(tool);
    if (!bytes.ok()) return bytes.status();
    EVP_DigestUpdate(context.get(), bytes->data(), bytes->size());
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context.get(), digest, &length) != 1) {
    return absl::InternalError("cannot finish a SHA-256 digest (OpenSSL)");
  }
  const std::string hex = absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), length));
  return absl::StrCat("racelab ", RACELAB_VERSION, " (",
                      RACELAB_CXX_COMPILER_ID,
                      "), tools sha256:", hex.substr(0, 16));
}

}  // namespace racelab
