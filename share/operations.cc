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
#include <vector>

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

namespace {

// Argument sets drawn per recorded operation for the hammer.
constexpr int kHammerArguments = 64;

uint64_t Mix(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

std::function<std::string(void*, const Call&)> AsHammerOperation(
    RecordedOperation op) {
  // The arguments are drawn once, here, before any hammer thread starts,
  // and each call picks one set by its thread and number (the same call
  // always gets the same arguments). Drawing per call (seeding a
  // generator, printing the arguments) cost more than the call itself:
  // the hammer phase took 2-3x as long under TSan.
  std::vector<Arguments> drawn;
  std::mt19937_64 random(0x9E3779B97F4A7C15ULL);
  try {
    for (int i = 0; i < kHammerArguments; ++i) drawn.push_back(op.draw(random));
  } catch (...) {
    drawn.clear();  // a generator that throws: each call draws, and throws
  }
  auto arguments =
      std::make_shared<const std::vector<Arguments>>(std::move(drawn));
  return [op = std::move(op), arguments](void* object, const Call& call) {
    const uint64_t key =
        Mix((uint64_t(call.thread) << 40) ^ uint64_t(call.number));
    if (!arguments->empty()) {
      op.run(object, (*arguments)[key % arguments->size()], call);
    } else {
      std::mt19937_64 random(key);
      op.run(object, op.draw(random), call);  // the result is the history's
    }
    return std::string();
  };
}

}  // namespace share_internal

}  // namespace racelab
