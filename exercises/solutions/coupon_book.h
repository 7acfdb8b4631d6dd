// exercises/solutions/coupon_book.h
//
// Exercise 4, solved (docs/exercises-solutions.md): a drop-in for
// exercises/student/coupon_book.h. The starting point's Redeem() asked
// IsRedeemed() and then called MarkRedeemed(): two locked sections, and
// between them another caller could redeem the same code, so both got
// true. The check and the insert must be one locked section; std::set's
// insert() is both.
//
// Threading: safe to share; kArgument says why.

#ifndef RACELAB_EXERCISES_STUDENT_COUPON_BOOK_H_
#define RACELAB_EXERCISES_STUDENT_COUPON_BOOK_H_

#include <mutex>
#include <set>

namespace racelab::exercises::student {

class CouponBook1 {
 public:
  static constexpr bool kSolved = true;
  static constexpr const char* kArgument =
      "The threads share redeemed_. Every call reads or changes it under "
      "mu_ in ONE locked section: Redeem()'s check and insert happen with "
      "no other call between them, so each code is redeemed by exactly one "
      "call, and every call's result matches some one-at-a-time order.";

  bool IsRedeemed(int code) const {
    std::lock_guard<std::mutex> lock(mu_);
    return redeemed_.count(code) > 0;
  }

  bool Redeem(int code) {
    std::lock_guard<std::mutex> lock(mu_);
    return redeemed_.insert(code).second;  // checks and inserts at once
  }

  int Redeemed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(redeemed_.size());
  }

 private:
  mutable std::mutex mu_;
  std::set<int> redeemed_;  // guarded by mu_
};

}  // namespace racelab::exercises::student

#endif  // RACELAB_EXERCISES_STUDENT_COUPON_BOOK_H_
