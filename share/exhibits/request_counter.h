// share/exhibits/request_counter.h
//
// RequestCounter: a statistic the client keeps, counted with a plain ++.
//
// Threading: NOT thread-safe (intentionally racy): concurrent Count()
// calls race on count_ and lose updates.

#ifndef RACELAB_SHARE_EXHIBITS_REQUEST_COUNTER_H_
#define RACELAB_SHARE_EXHIBITS_REQUEST_COUNTER_H_

#include <cstdint>

namespace racelab::exhibits {

class RequestCounter {
 public:
  void Count() { ++count_; }  // INTENTIONAL DATA RACE: non-atomic ++
  int64_t count() const { return count_; }

 private:
  int64_t count_ = 0;
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_REQUEST_COUNTER_H_
