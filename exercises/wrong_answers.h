// exercises/wrong_answers.h
//
// One plausible WRONG answer to each exercise of docs/exercises.md: what a
// student who half-understood the lesson would hand in. Each compiles, each
// passes a test of one call alone, and each is still unsafe to share.
// wrong_answers_test.cc holds the graders to them: a grader that passes
// one of these would pass a student's wrong answer.
//
// Threading: every class here is deliberately NOT safe to share (that is
// the point); each says where its INTENTIONAL race is.

#ifndef RACELAB_EXERCISES_WRONG_ANSWERS_H_
#define RACELAB_EXERCISES_WRONG_ANSWERS_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

#include "exercises/token_cache.h"

namespace racelab::exercises::wrong {

// Exercise 1, locked step by step: every access to headers_ is under mu_,
// so there is no data race, but the request is made in four locked steps
// and another call's steps land between them. The wrong fix docs/lab.md
// part 5 teaches against (repro/locked_fields/, in miniature).
class LockEachStepHeaders {
 public:
  std::string Send(const std::string& trace_id) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      headers_["X-Trace"] = trace_id;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      headers_["User-Agent"] = "racelab";
    }
    std::string request;
    {
      std::lock_guard<std::mutex> lock(mu_);
      // INTENTIONAL RACE CONDITION: another call may have replaced the
      // trace id or cleared the map since this call's first step.
      for (const auto& [name, value] : headers_) {
        request += name + ": " + value + "\n";
      }
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      headers_.clear();
    }
    return request;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> headers_;  // guarded by mu_, per step
};

// Exercise 2, the refill moved out of the lock "because it only stores a
// constant": Describe() is locked now, but Refill() writes tokens_ with no
// lock held.
class UnlockedRefillBudget {
 public:
  bool TryRetry(int64_t request) {
    if (request % 10 == 0) Refill();
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ == 0) return false;
    --tokens_;
    return true;
  }

  std::string Describe() const {
    std::lock_guard<std::mutex> lock(mu_);
    return "retry budget: " + std::to_string(tokens_) + " tokens";
  }

 private:
  void Refill() { tokens_ = 5; }  // INTENTIONAL DATA RACE: mu_ not held

  mutable std::mutex mu_;
  int64_t tokens_ = 5;
};

// Exercise 3, "a lookup only reads": the insert is locked, the lookup is
// not, so a lookup reads the table while another thread's insert changes
// it (and may rehash it).
class UnlockedLookupCache {
 public:
  std::string Token(const std::string& shop) {
    // INTENTIONAL DATA RACE: find() reads tokens_ without mu_.
    if (auto it = tokens_.find(shop); it != tokens_.end()) return it->second;
    std::lock_guard<std::mutex> lock(mu_);
    return tokens_.emplace(shop, SignToken(shop)).first->second;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::string> tokens_;
};

// Exercise 4, "did the count grow?": every access locked, the answer
// computed from two locked reads around a locked insert. Two calls that
// redeem the same code at once both see the count grow, and both say
// they redeemed it.
class CountGrewBook {
 public:
  bool IsRedeemed(int code) const {
    std::lock_guard<std::mutex> lock(mu_);
    return redeemed_.count(code) > 0;
  }

  bool Redeem(int code) {
    const int before = Redeemed();
    {
      std::lock_guard<std::mutex> lock(mu_);
      redeemed_.insert(code);
    }
    // INTENTIONAL RACE CONDITION: another call's insert may have grown
    // the count since `before`.
    return Redeemed() > before;
  }

  int Redeemed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(redeemed_.size());
  }

 private:
  mutable std::mutex mu_;
  std::set<int> redeemed_;  // guarded by mu_, per step
};

}  // namespace racelab::exercises::wrong

#endif  // RACELAB_EXERCISES_WRONG_ANSWERS_H_
