// share/history/history_check.h
//
// CheckHistory(): is one recorded history of calls on a shared instance
// explained by the class itself? It is if some one-at-a-time order of the
// same calls, respecting real-time order (a call that ended before another
// began comes first), gives the same results when replayed, call by call, on
// a fresh instance (linearizability, with the class as its own sequential
// specification: no model is written). The search is Wing & Gong's: extend
// an order by any call whose predecessors are all placed, replay, prune at
// the first result that differs, backtrack.
//
// Costs are kept down three ways: an OrderCache remembers the orders that
// explained earlier histories of the same calls and tries them first (only
// an order that respects the NEW history's precedence may be reused: more
// precedence makes the check stricter, so a cache keyed on results alone
// would be unsound); the first child of every search node reuses its
// parent's live instance instead of replaying the prefix again; where the
// class is comparable (copyable, with ==), a state cache: a search node is
// the set of calls placed and the instance's state, and a node already
// searched without success is not searched again (Lowe's and Porcupine's
// memo: two orders of the same calls that leave equal states have the
// same futures); and a budget of replayed calls turns a search that would
// take too long into "unknown" (never a failure).
//
// Thread-compatible: a Search and an OrderCache are used by one thread.

#ifndef RACELAB_SHARE_HISTORY_HISTORY_CHECK_H_
#define RACELAB_SHARE_HISTORY_HISTORY_CHECK_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "racelab/operations.h"

namespace racelab::share_internal {

// Where a call of a scenario runs.
enum class Part { kPrefix, kParallel, kSuffix };

// One call as it happened.
struct RecordedCall {
  int op = 0;  // index into Subject::recorded
  Part part = Part::kParallel;
  Call call;  // the Call it was given (and is given again in a replay)
  Arguments args;
  Result observed;
  // Tickets from one counter, taken just before the call and just after
  // it: A ended before B began iff A.end < B.start.
  int64_t start = 0;
  int64_t end = 0;
};

// True if two histories of the same scenario are the same: the same
// results, and the calls started and ended in the same order (tickets
// compared relative to each history's first).
bool SameHistory(const std::vector<RecordedCall>& a,
                 const std::vector<RecordedCall>& b);

// Replays calls for the search.
class Replayer {
 public:
  virtual ~Replayer() = default;
  // A fresh instance, or null if the factory failed.
  virtual std::shared_ptr<void> Fresh() = 0;
  // `call` applied to `object`, alone, on the calling thread.
  virtual Result Apply(void* object, const RecordedCall& call) = 0;
  // For the state cache, where the class is comparable: a copy of
  // `object`'s state, and whether two states are equal. A replayer that
  // cannot compare states returns false from ComparesStates() and is never
  // asked for the others.
  virtual bool ComparesStates() const { return false; }
  virtual std::shared_ptr<void> CopyState(const void* /*object*/) {
    return nullptr;
  }
  virtual bool SameState(const void* /*a*/, const void* /*b*/) { return false; }
};

// Orders that explained earlier histories of one scenario.
// REQUIRES: every history given to one cache has the same calls (ops and
// arguments) at the same indices.
class OrderCache {
 public:
  explicit OrderCache(size_t capacity = 64) : capacity_(capacity) {}

  // An order (indices into `history`) of the cache that respects the
  // history's precedence and whose results equal its observed ones; empty
  // if none.
  std::vector<int> Find(const std::vector<RecordedCall>& history) const;
  void Add(const std::vector<RecordedCall>& history, std::vector<int> order);
  size_t size() const { return orders_.size(); }

 private:
  struct Entry {
    std::vector<int> order;
    std::vector<Result> results;  // results[k]: of the call order[k]
  };
  const size_t capacity_;
  std::vector<Entry> orders_;
};

struct HistoryVerdict {
  enum class Kind {
    kExplained,      // `order` gives the observed results
    kUnexplained,    // no order does
    kUnknown,        // the budget ran out first
    kFactoryFailed,  // no fresh instance to replay on
  };
  Kind kind = Kind::kUnknown;
  std::vector<int> order;  // kExplained
  bool from_cache = false;
  // kUnexplained: the longest order prefix any search path explained, the
  // first call that could not follow it, and what that call returned when
  // replayed there.
  std::vector<int> deepest;
  int unexplained = -1;
  Result replayed;
  // The search's cost: calls replayed, and states copied (the state cache).
  int64_t replayed_calls = 0;
  int64_t states_pruned = 0;  // nodes the state cache skipped
};

// Whether a search may use the state cache (if the replayer compares
// states). A confirmation search does without it, so a class whose ==
// calls two different states equal cannot fail a history on its own.
enum class StateCache { kUse, kDoNotUse };

// REQUIRES: history.size() <= 64. `cache` may be null.
HistoryVerdict CheckHistory(const std::vector<RecordedCall>& history,
                            Replayer& replayer, OrderCache* cache,
                            int64_t budget,
                            StateCache states = StateCache::kUse);

// True if call a ended before call b began.
inline bool Precedes(const RecordedCall& a, const RecordedCall& b) {
  return a.end < b.start;
}

}  // namespace racelab::share_internal

#endif  // RACELAB_SHARE_HISTORY_HISTORY_CHECK_H_
