// include/racelab/share_internal.h
//
// The machinery behind racelab::MayShare() and IsReportedRacy()
// (racelab/share.h): the user's class and operations type-erased into one
// Subject, and the check's entry point, compiled in share/share.cc. Not for
// users to call. Thread-safety: a Subject is built on one thread (a test's
// body) and then only read; its callables are called from many threads at
// once.

#ifndef RACELAB_INCLUDE_RACELAB_SHARE_INTERNAL_H_
#define RACELAB_INCLUDE_RACELAB_SHARE_INTERNAL_H_

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "racelab/operations.h"

namespace racelab {

struct ShareOptions;  // racelab/share.h

namespace share_internal {

// The type-erased subject of one check.
struct Subject {
  std::function<std::shared_ptr<void>()> make;  // empty: no factory given
  // What the hammer calls: the per-call checks, and each recorded
  // operation with its result dropped (AsHammerOperation).
  std::vector<
      std::pair<std::string, std::function<std::string(void*, const Call&)>>>
      operations;
  // What histories are made of.
  std::vector<RecordedOperation> recorded;
  // Set if T is copyable and has ==: the history search's state cache
  // (share/history/history_check.h) copies and compares instances with them.
  std::function<std::shared_ptr<void>(const void*)> copy_state;
  std::function<bool(const void*, const void*)> same_state;
};

// A recorded operation as the hammer calls it: arguments picked by the
// call's own numbers from a set drawn once, the result dropped.
std::function<std::string(void*, const Call&)> AsHammerOperation(
    RecordedOperation op);

enum class Expectation { kShareable, kReportedRacy };

// The whole check: the hammer, then the history check, each in a child
// process of the test binary (share/share.cc).
::testing::AssertionResult Check(const Subject& subject,
                                 const ShareOptions& options,
                                 Expectation expectation);

template <typename T>
Subject Erase(const Operations<T>& operations) {
  Subject subject;
  if (operations.factory()) {
    subject.make = [factory = operations.factory()]() -> std::shared_ptr<void> {
      return std::shared_ptr<T>(factory());
    };
  }
  for (const auto& [name, check] : operations.checks()) {
    subject.operations.emplace_back(
        name, [check = check](void* object, const Call& call) {
          return check(*static_cast<T*>(object), call);
        });
  }
  for (const RecordedOperation& op : operations.recorded()) {
    subject.operations.emplace_back(op.name, AsHammerOperation(op));
    subject.recorded.push_back(op);
  }
  if constexpr (std::is_copy_constructible_v<T> &&
                IsEqualityComparable<T>::value) {
    subject.copy_state = [](const void* object) -> std::shared_ptr<void> {
      return std::make_shared<T>(*static_cast<const T*>(object));
    };
    subject.same_state = [](const void* a, const void* b) {
      return static_cast<bool>(*static_cast<const T*>(a) ==
                               *static_cast<const T*>(b));
    };
  }
  return subject;
}

}  // namespace share_internal
}  // namespace racelab

#endif  // RACELAB_INCLUDE_RACELAB_SHARE_INTERNAL_H_
