// share/operations.cc: what include/racelab/operations.h and share.h leave
// to a source file: printing a thrown result, and a recorded operation as
// the hammer calls it.

#include "racelab/operations.h"

#include <cxxabi.h>
#include <stdlib.h>

#include <functional>
#include <random>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "racelab/share.h"

namespace racelab {
namespace share_internal {

bool ThrownResult::Equals(const ResultValue& other) const {
  const auto* thrown = dynamic_cast<const ThrownResult*>(&other);
  if (thrown == nullptr) return false;
  const bool same_type = type_ == nullptr || thrown->type_ == nullptr
                             ? type_ == thrown->type_
                             : *type_ == *thrown->type_;
  return same_type && what_ == thrown->what_;
}

std::string ThrownResult::Print() const {
  if (type_ == nullptr) return "throws (not a std::exception)";
  int status = 0;
  char* name = abi::__cxa_demangle(type_->name(), nullptr, nullptr, &status);
  std::string text = absl::StrCat("throws ", status == 0 ? name : type_->name(),
                                  "(\"", what_, "\")");
  free(name);
  return text;
}

std::function<std::string(void*, const Call&)> AsHammerOperation(
    RecordedOperation op) {
  return [op = std::move(op)](void* object, const Call& call) {
    // The same call always draws the same arguments.
    std::mt19937_64 random(0x9E3779B97F4A7C15ULL * (uint64_t(call.thread) + 1) ^
                           uint64_t(call.number));
    op.run(object, op.draw(random), call);  // the result is the history's
    return std::string();
  };
}

}  // namespace share_internal

}  // namespace racelab
