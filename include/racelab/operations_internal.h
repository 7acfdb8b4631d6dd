// include/racelab/operations_internal.h
//
// The machinery behind racelab::Operations<T> (racelab/operations.h): the
// recorded result of one call, the drawn arguments, and one operation
// type-erased, as the history check and racelab::Costs call it. Not for
// users to call. Thread-safety: a RecordedOperation is built on one thread
// and then only read; its callables are called from many threads at once.

#ifndef RACELAB_INCLUDE_RACELAB_OPERATIONS_INTERNAL_H_
#define RACELAB_INCLUDE_RACELAB_OPERATIONS_INTERNAL_H_

#include <exception>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace racelab {

struct Call;  // racelab/operations.h
template <typename A>
struct Generator;  // racelab/operations.h

namespace share_internal {

template <typename R, typename = void>
struct IsEqualityComparable : std::false_type {};
template <typename R>
struct IsEqualityComparable<R, std::void_t<decltype(std::declval<const R&>() ==
                                                    std::declval<const R&>())>>
    : std::true_type {};

// A recorded result of one call: a value, void, or a thrown exception.
class ResultValue {
 public:
  virtual ~ResultValue() = default;
  virtual bool Equals(const ResultValue& other) const = 0;
  virtual std::string Print() const = 0;
};
using Result = std::shared_ptr<const ResultValue>;

template <typename R>
class ValueResult final : public ResultValue {
 public:
  explicit ValueResult(R value) : value_(std::move(value)) {}
  bool Equals(const ResultValue& other) const override {
    const auto* same = dynamic_cast<const ValueResult<R>*>(&other);
    if constexpr (IsEqualityComparable<R>::value) {
      return same != nullptr && static_cast<bool>(value_ == same->value_);
    } else {
      return false;  // Op() has already refused this type
    }
  }
  std::string Print() const override {
    return ::testing::PrintToString(value_);
  }

 private:
  const R value_;
};

class VoidResult final : public ResultValue {
 public:
  bool Equals(const ResultValue& other) const override {
    return dynamic_cast<const VoidResult*>(&other) != nullptr;
  }
  std::string Print() const override { return "void"; }
};

// What an operation threw. Defined in share/ (it demangles the type).
class ThrownResult final : public ResultValue {
 public:
  ThrownResult(const std::type_info* type, std::string what)
      : type_(type), what_(std::move(what)) {}
  bool Equals(const ResultValue& other) const override;
  std::string Print() const override;

 private:
  const std::type_info* const type_;  // null: not a std::exception
  const std::string what_;
};

// The arguments drawn for one call, and how they print: "(2, \"a\")".
struct Arguments {
  std::shared_ptr<const void> values;  // a std::tuple<A...>
  std::string printed;
};

// One operation whose calls are recorded in histories.
struct RecordedOperation {
  std::string name;
  std::function<Arguments(std::mt19937_64& random)> draw;
  // Arguments that differ from `args` in one argument, made simpler by its
  // generator (Generator::simpler), in argument order.
  std::function<std::vector<Arguments>(const Arguments& args)> simpler;
  // Never throws: an exception from the user's code is the Result.
  std::function<Result(void* object, const Arguments& args, const Call& call)>
      run;
  // The same call with nothing recorded (racelab::Costs' path: it adds no
  // allocation to the user's): the result is kept from being optimised
  // away, then dropped. Never throws; false if the user's code threw.
  std::function<bool(void* object, const Arguments& args, const Call& call)>
      call_unrecorded;
};

// Marks the calling thread as inside the user's operation for its scope.
// Under the history check's controlled scheduler only the loads, stores and
// function boundaries of the user's own call are scheduling points, not
// those of racelab's code around it (share/control/controlled_scheduler.h).
class UserCallScope {
 public:
  UserCallScope();
  ~UserCallScope();
  UserCallScope(const UserCallScope&) = delete;
  UserCallScope& operator=(const UserCallScope&) = delete;
};
struct NoUserCallScope {};

// Calls f on `self` with the drawn `values` (and `call` first, if f takes
// it); with kScoped, inside a UserCallScope (the recorded calls, which the
// controlled scheduler may run; racelab::Costs' unrecorded ones pay
// nothing for it).
template <bool kTakesCall, bool kScoped, typename F, typename T, typename... A>
decltype(auto) InvokeWith(F& f, T& self, const Call& call,
                          const std::tuple<A...>& values) {
  return std::apply(
      [&](const A&... value) -> decltype(auto) {
        [[maybe_unused]] const std::conditional_t<kScoped, UserCallScope,
                                                  NoUserCallScope>
            user_call;
        if constexpr (kTakesCall) {
          return std::invoke(f, self, call, value...);
        } else {
          (void)call;
          return std::invoke(f, self, value...);
        }
      },
      values);
}

// Makes the compiler assume `value` is read: the call that produced it
// cannot be optimised away (as benchmark::DoNotOptimize does).
template <typename V>
inline void KeepResult(const V& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

template <typename... A>
std::string PrintArguments(const std::tuple<A...>& values) {
  std::string text = "(";
  std::apply(
      [&](const A&... value) {
        bool first = true;
        ((text += (first ? "" : ", ") + ::testing::PrintToString(value),
          first = false),
         ...);
        (void)first;
      },
      values);
  return text + ")";
}

template <typename... A, size_t... I>
std::vector<Arguments> SimplerArguments(
    const std::tuple<A...>& values,
    const std::tuple<Generator<A>...>& generators, std::index_sequence<I...>) {
  std::vector<Arguments> simpler;
  auto one = [&](auto index) {
    constexpr size_t kIndex = decltype(index)::value;
    const auto& generator = std::get<kIndex>(generators);
    if (!generator.simpler) return;
    for (auto& value : generator.simpler(std::get<kIndex>(values))) {
      auto changed = std::make_shared<std::tuple<A...>>(values);
      std::get<kIndex>(*changed) = std::move(value);
      simpler.push_back(Arguments{changed, PrintArguments(*changed)});
    }
  };
  (one(std::integral_constant<size_t, I>{}), ...);
  (void)one;  // an operation without arguments has nothing to simplify
  return simpler;
}

template <typename F>
Result CatchAsResult(F&& call) {
  try {
    return call();
  } catch (const std::exception& e) {
    return std::make_shared<ThrownResult>(&typeid(e), e.what());
  } catch (...) {
    return std::make_shared<ThrownResult>(nullptr, "");
  }
}

}  // namespace share_internal

}  // namespace racelab

#endif  // RACELAB_INCLUDE_RACELAB_OPERATIONS_INTERNAL_H_
