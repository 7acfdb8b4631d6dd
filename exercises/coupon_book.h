// exercises/coupon_book.h
//
// Exercise 4, the starting point (docs/exercises.md): the coupon codes a
// shop has handed out, each to be redeemed once. Every member is locked.
// Leave this file as it is: your answer goes in
// exercises/student/coupon_book.h.
//
// Threading: meant to be shared by threads; whether it may be is the
// exercise.

#ifndef RACELAB_EXERCISES_COUPON_BOOK_H_
#define RACELAB_EXERCISES_COUPON_BOOK_H_

#include <mutex>
#include <set>

namespace racelab::exercises {

class CouponBook {
 public:
  // Has `code` been redeemed?
  bool IsRedeemed(int code) const {
    std::lock_guard<std::mutex> lock(mu_);
    return redeemed_.count(code) > 0;
  }

  // Redeems `code`: true if this call redeemed it, false if it already was.
  bool Redeem(int code) {
    if (IsRedeemed(code)) return false;
    MarkRedeemed(code);
    return true;
  }

  // How many codes have been redeemed.
  int Redeemed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(redeemed_.size());
  }

 private:
  void MarkRedeemed(int code) {
    std::lock_guard<std::mutex> lock(mu_);
    redeemed_.insert(code);
  }

  mutable std::mutex mu_;
  std::set<int> redeemed_;
};

}  // namespace racelab::exercises

#endif  // RACELAB_EXERCISES_COUPON_BOOK_H_
