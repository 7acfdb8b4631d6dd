// include/racelab/operations.h
//
// racelab::Operations<T>: the calls MayShare() makes on a user's class,
// declared once, with their arguments and results:
//
//   class TicketDispenser { public: int Next(); int Peek() const; };
//
//   TEST(TicketDispenserTest, OneInstanceMayBeShared) {
//     EXPECT_TRUE(racelab::MayShare(racelab::Operations<TicketDispenser>()
//                                       .Op("Next", &TicketDispenser::Next)
//                                       .Op("Peek", &TicketDispenser::Peek)));
//   }
//
// An operation RETURNS its result; racelab records it. Besides the
// data-race hammer, MayShare() then runs small scenarios of these calls
// from several threads at once and checks each history against the class
// itself: some one-at-a-time order of the same calls, respecting which call
// ended before which began, must give the same results when replayed on a
// fresh instance. No model or expected value is written by the user. That
// is what finds a race condition with no data race (every access locked,
// one operation split over two locked sections), which ThreadSanitizer
// cannot see.
//
//   .Op(name, &T::Method, generators...)   a member function
//   .Op(name, [](T& t, args...) { ... }, generators...)
//   .Op(name, [](T& t, const racelab::Call& call, args...) { ... }, ...)
//   .Check(name, [](T& t, const racelab::Call& call) -> std::string)
//                  a per-call check (the older style): "" if right, else a
//                  message; used by the hammer only, not in histories
//   .Factory([] { return std::make_unique<T>(...); })
//                  needed only if T is not default-constructible
//
// Results: any type with == (a compile-time error says so otherwise),
// printed with ::testing::PrintToString; void; or a thrown exception,
// recorded as the result (equal when type and what() are equal). To leave
// part of a result out (a generated id, a timestamp), return a projection
// from a lambda: .Op("Create", [](Store& s) { return s.Create().size(); }).
// Arguments come from generators, drawn from the check's seed: Range(lo,
// hi), OneOf({...}), or Draw<A>(f) with f(std::mt19937_64&) -> A. Keep
// their ranges small so calls collide (a key in 0..3, not 0..2^31). A
// replay passes each call the same arguments and the same Call it had.
// When a failing scenario is minimised, an argument is also tried with
// simpler values: Range's lo and the midpoint towards it, OneOf's earlier
// values; Draw<A>(f, simpler) offers simpler(value) -> std::vector<A>.
//
// If T is copyable and has ==, the history search also skips a state it
// has already searched from (a state cache): == must then compare every
// field a result depends on, and a copy must behave as the original.
//
// Thread-safety: build an Operations<T> on one thread (a test's body); the
// check copies what it needs. The callables it holds are called from many
// threads at once and must not share state of their own.

#ifndef RACELAB_INCLUDE_RACELAB_OPERATIONS_H_
#define RACELAB_INCLUDE_RACELAB_OPERATIONS_H_

#include <cstdint>
#include <exception>
#include <functional>
#include <initializer_list>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "racelab/operations_internal.h"

namespace racelab {

// Which call of which thread an operation is.
struct Call {
  int thread = 0;  // 0 .. threads - 1
  // This thread's call number on this instance, from 0 (on the long-lived
  // instance it counts on across rounds).
  int64_t number = 0;
};

// A generator of one argument: draws a value from the check's random bits,
// and offers simpler values than a drawn one, simplest first (none if
// `simpler` is empty), to minimise a failing scenario with.
template <typename A>
struct Generator {
  std::function<A(std::mt19937_64& random)> draw;
  std::function<std::vector<A>(const A& value)> simpler;
};

// An integer in [lo, hi], both included. Throws std::invalid_argument if
// lo > hi (the test then fails with that message).
template <typename I>
Generator<I> Range(I lo, I hi) {
  static_assert(std::is_integral_v<I>, "racelab::Range takes integers");
  if (hi < lo) {
    throw std::invalid_argument("racelab::Range(" + std::to_string(lo) + ", " +
                                std::to_string(hi) +
                                "): lo must not be above hi");
  }
  return {[lo, hi](std::mt19937_64& random) {
            std::uniform_int_distribution<I> pick(lo, hi);
            return pick(random);
          },
          [lo](const I& value) {
            std::vector<I> simpler;
            if (value == lo) return simpler;
            simpler.push_back(lo);
            const I middle = lo + (value - lo) / 2;  // no overflow: >= 0
            if (middle != lo && middle != value) simpler.push_back(middle);
            return simpler;
          }};
}

// One of the given values. Throws std::invalid_argument if there are none.
template <typename A>
Generator<A> OneOf(std::initializer_list<A> values) {
  if (values.size() == 0) {
    throw std::invalid_argument("racelab::OneOf({}): give at least one value");
  }
  const auto choices = std::make_shared<const std::vector<A>>(values);
  return {[choices](std::mt19937_64& random) {
            return (*choices)[random() % choices->size()];
          },
          [choices](const A& value) {
            // The values listed before the first equal to `value`.
            std::vector<A> simpler;
            for (const A& choice : *choices) {
              if (choice == value) break;
              simpler.push_back(choice);
            }
            return simpler;
          }};
}

// Any generator of the user's: f(std::mt19937_64&) -> A, and optionally
// simpler(const A&) -> std::vector<A>, simplest first.
template <typename A, typename F>
Generator<A> Draw(F f) {
  return {std::function<A(std::mt19937_64&)>(std::move(f)), nullptr};
}
template <typename A, typename F, typename S>
Generator<A> Draw(F f, S simpler) {
  return {std::function<A(std::mt19937_64&)>(std::move(f)),
          std::function<std::vector<A>(const A&)>(std::move(simpler))};
}

// The operations of one class, and how to make an instance. Copyable.
template <typename T>
class Operations {
 public:
  using MessageCheck = std::function<std::string(T& object, const Call& call)>;

  // A class that is default-constructible needs no Factory().
  Operations() {
    if constexpr (std::is_default_constructible_v<T>) {
      factory_ = [] { return std::make_unique<T>(); };
    }
  }

  Operations& Factory(std::function<std::unique_ptr<T>()> factory) {
    factory_ = std::move(factory);
    return *this;
  }

  // An operation whose result is recorded. `f` is a member function of T
  // or a callable taking (T&, args...) or (T&, const Call&, args...); one
  // generator per argument.
  template <typename F, typename... A>
  Operations& Op(std::string name, F f, Generator<A>... generators) {
    constexpr bool kTakesCall =
        std::is_invocable_v<F&, T&, const Call&, const A&...>;
    static_assert(kTakesCall || std::is_invocable_v<F&, T&, const A&...>,
                  "racelab::Operations::Op: the operation cannot be called "
                  "with (T&, args...) or (T&, const racelab::Call&, "
                  "args...): give one generator per argument");
    using R = typename std::conditional_t<
        kTakesCall, std::invoke_result<F&, T&, const Call&, const A&...>,
        std::invoke_result<F&, T&, const A&...>>::type;
    using Value = std::decay_t<R>;
    static_assert(
        std::is_void_v<R> || share_internal::IsEqualityComparable<Value>::value,
        "racelab::Operations::Op: the operation's result type has "
        "no operator==, so a replayed result cannot be compared "
        "with the recorded one. Return a comparable projection "
        "from a lambda (a field, a string, a size)");
    share_internal::RecordedOperation op;
    op.name = std::move(name);
    op.draw = [generators...](std::mt19937_64& random) {
      // Braced initialisation draws the arguments left to right.
      auto values = std::make_shared<const std::tuple<A...>>(
          std::tuple<A...>{generators.draw(random)...});
      return share_internal::Arguments{values,
                                       share_internal::PrintArguments(*values)};
    };
    op.simpler = [generators = std::tuple<Generator<A>...>(generators...)](
                     const share_internal::Arguments& args) {
      return share_internal::SimplerArguments(
          *static_cast<const std::tuple<A...>*>(args.values.get()), generators,
          std::index_sequence_for<A...>{});
    };
    op.run = [f](void* object, const share_internal::Arguments& args,
                 const Call& call) -> share_internal::Result {
      const auto& values =
          *static_cast<const std::tuple<A...>*>(args.values.get());
      T& self = *static_cast<T*>(object);
      return share_internal::CatchAsResult([&]() -> share_internal::Result {
        if constexpr (std::is_void_v<R>) {
          share_internal::InvokeWith<kTakesCall, true>(f, self, call, values);
          return std::make_shared<share_internal::VoidResult>();
        } else {
          return std::make_shared<share_internal::ValueResult<Value>>(
              share_internal::InvokeWith<kTakesCall, true>(f, self, call,
                                                           values));
        }
      });
    };
    op.call_unrecorded = [f](void* object,
                             const share_internal::Arguments& args,
                             const Call& call) {
      const auto& values =
          *static_cast<const std::tuple<A...>*>(args.values.get());
      T& self = *static_cast<T*>(object);
      try {
        if constexpr (std::is_void_v<R>) {
          share_internal::InvokeWith<kTakesCall, false>(f, self, call, values);
        } else {
          const auto& result = share_internal::InvokeWith<kTakesCall, false>(
              f, self, call, values);
          share_internal::KeepResult(result);
        }
        return true;
      } catch (...) {
        return false;
      }
    };
    recorded_.push_back(std::move(op));
    return *this;
  }

  // A per-call check (the hammer's older style): "" if the call was
  // right, else a message. Not part of histories.
  Operations& Check(std::string name, MessageCheck check) {
    checks_.emplace_back(std::move(name), std::move(check));
    return *this;
  }

  // For racelab's check (share.h).
  const std::function<std::unique_ptr<T>()>& factory() const {
    return factory_;
  }
  const std::vector<share_internal::RecordedOperation>& recorded() const {
    return recorded_;
  }
  const std::vector<std::pair<std::string, MessageCheck>>& checks() const {
    return checks_;
  }

 private:
  std::function<std::unique_ptr<T>()> factory_;
  std::vector<share_internal::RecordedOperation> recorded_;
  std::vector<std::pair<std::string, MessageCheck>> checks_;
};

}  // namespace racelab

#endif  // RACELAB_INCLUDE_RACELAB_OPERATIONS_H_
