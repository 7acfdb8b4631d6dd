// share/exhibits/high_water_mark.h
//
// The largest value offered so far, kept in one std::atomic with no lock.
// SplitHighWaterMark compares with an atomic load and replaces with an
// atomic store: both are atomic, the pair is not, so a smaller offer that
// read the old mark can overwrite a larger one stored in between, and the
// mark goes DOWN. HighWaterMark, its safe twin, replaces with a
// compare-exchange of the value it compared with.
//
// Threading: SplitHighWaterMark is NOT safe to share (intentionally: a race
// condition with no data race); HighWaterMark is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_HIGH_WATER_MARK_H_
#define RACELAB_SHARE_EXHIBITS_HIGH_WATER_MARK_H_

#include <atomic>

namespace racelab::exhibits {

class SplitHighWaterMark {
 public:
  // Offers `value`; returns the mark after it.
  int Offer(int value) {
    const int mark = mark_.load();
    if (value <= mark) return mark;
    // INTENTIONAL RACE CONDITION: a larger value may have been stored since
    // the load above; this store overwrites it.
    mark_.store(value);
    return value;
  }
  int Mark() const { return mark_.load(); }

 private:
  std::atomic<int> mark_{0};
};

class HighWaterMark {
 public:
  int Offer(int value) {
    int mark = mark_.load();
    while (value > mark) {
      if (mark_.compare_exchange_weak(mark, value)) return value;
    }
    return mark;
  }
  int Mark() const { return mark_.load(); }

 private:
  std::atomic<int> mark_{0};
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_HIGH_WATER_MARK_H_
