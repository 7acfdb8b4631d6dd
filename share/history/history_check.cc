// share/history/history_check.cc

#include "share/history/history_check.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "base/check.h"

namespace racelab::share_internal {
namespace {

bool SameResult(const Result& a, const Result& b) {
  if (a == nullptr || b == nullptr) return a == b;
  return a->Equals(*b);
}

// One search over one history. Each node is an order prefix `path_`
// (calls placed so far, `placed` as a bit set) together with, when it is
// still untouched, a live instance whose state is that prefix replayed.
class Search {
 public:
  Search(const std::vector<RecordedCall>& history, Replayer& replayer,
         int64_t budget, bool memoise_states)
      : history_(history),
        replayer_(replayer),
        budget_(budget),
        memoise_states_(memoise_states && replayer.ComparesStates()) {
    const int n = static_cast<int>(history.size());
    all_ = n == 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
    before_.assign(n, 0);
    for (int b = 0; b < n; ++b) {
      for (int a = 0; a < n; ++a) {
        if (a != b && Precedes(history[a], history[b])) {
          before_[b] |= uint64_t{1} << a;
        }
      }
    }
  }

  HistoryVerdict Run() {
    verdict_.kind = HistoryVerdict::Kind::kUnexplained;
    std::shared_ptr<void> root = replayer_.Fresh();
    if (root == nullptr) {
      verdict_.kind = HistoryVerdict::Kind::kFactoryFailed;
      return verdict_;
    }
    if (Extend(std::move(root), 0)) {
      verdict_.kind = HistoryVerdict::Kind::kExplained;
      verdict_.order = path_;
    } else if (factory_failed_) {
      verdict_.kind = HistoryVerdict::Kind::kFactoryFailed;
    } else if (out_of_budget_) {
      verdict_.kind = HistoryVerdict::Kind::kUnknown;
    }
    verdict_.replayed_calls = cost_;
    verdict_.states_pruned = pruned_;
    return verdict_;
  }

 private:
  // True if the calls not in `placed` can follow path_ in some order.
  // `live` (may be null) holds path_ replayed; it is consumed.
  bool Extend(std::shared_ptr<void> live, uint64_t placed) {
    if (placed == all_) return true;
    // With the state cache, this node's state is kept: a child after the
    // first starts from a copy of it instead of replaying path_ again.
    std::shared_ptr<void> saved;
    if (memoise_states_) {
      if (SearchedBefore(placed, live.get(), &saved)) {
        ++pruned_;
        return false;
      }
    }
    const int n = static_cast<int>(history_.size());
    for (int c = 0; c < n; ++c) {
      const uint64_t bit = uint64_t{1} << c;
      if ((placed & bit) != 0 || (before_[c] & ~placed) != 0) continue;
      if (cost_ > budget_) {
        out_of_budget_ = true;
        return false;
      }
      std::shared_ptr<void> object = live != nullptr    ? std::move(live)
                                     : saved != nullptr ? Restore(saved.get())
                                                        : Rebuild();
      if (object == nullptr) {
        factory_failed_ = true;
        return false;
      }
      Result replayed = replayer_.Apply(object.get(), history_[c]);
      ++cost_;
      if (!SameResult(replayed, history_[c].observed)) {
        NoteDeadEnd(c, std::move(replayed));
        continue;
      }
      path_.push_back(c);
      if (Extend(std::move(object), placed | bit)) return true;
      path_.pop_back();
      if (out_of_budget_ || factory_failed_) return false;
    }
    return false;
  }

  // True if a node with these calls placed and an equal state was searched
  // before (without success: a success ends the search). Otherwise
  // remembers a copy of this one, also in *saved.
  bool SearchedBefore(uint64_t placed, const void* state,
                      std::shared_ptr<void>* saved) {
    std::vector<std::shared_ptr<void>>& states = searched_[placed];
    for (const std::shared_ptr<void>& seen : states) {
      if (replayer_.SameState(seen.get(), state)) return true;
    }
    *saved = replayer_.CopyState(state);
    ++cost_;  // a copy counts as one replayed call against the budget
    if (*saved != nullptr) states.push_back(*saved);
    return false;
  }

  // A copy of a node's saved state, for a step after its first.
  std::shared_ptr<void> Restore(const void* saved) {
    ++cost_;
    return replayer_.CopyState(saved);
  }

  // A fresh instance with path_ replayed on it; null if the factory failed.
  std::shared_ptr<void> Rebuild() {
    std::shared_ptr<void> object = replayer_.Fresh();
    if (object == nullptr) return nullptr;
    for (int c : path_) {
      replayer_.Apply(object.get(), history_[c]);
      ++cost_;
    }
    return object;
  }

  // The deepest place any order reached is what the failure shows.
  void NoteDeadEnd(int call, Result replayed) {
    if (verdict_.unexplained >= 0 && path_.size() <= verdict_.deepest.size()) {
      return;
    }
    verdict_.deepest = path_;
    verdict_.unexplained = call;
    verdict_.replayed = std::move(replayed);
  }

  // Constant after construction.
  const std::vector<RecordedCall>& history_;
  Replayer& replayer_;
  const int64_t budget_;
  const bool memoise_states_;
  uint64_t all_ = 0;
  std::vector<uint64_t> before_;  // before_[c]: calls that ended before c began

  std::vector<int> path_;
  int64_t cost_ = 0;
  int64_t pruned_ = 0;
  // The state cache: per set of placed calls, the states searched from.
  absl::flat_hash_map<uint64_t, std::vector<std::shared_ptr<void>>> searched_;
  bool out_of_budget_ = false;
  bool factory_failed_ = false;
  HistoryVerdict verdict_;
};

}  // namespace

std::vector<int> OrderCache::Find(
    const std::vector<RecordedCall>& history) const {
  for (const Entry& entry : orders_) {
    if (entry.order.size() != history.size()) continue;
    uint64_t placed = 0;
    bool fits = true;
    for (size_t k = 0; k < entry.order.size() && fits; ++k) {
      const RecordedCall& call = history[entry.order[k]];
      // Every call that ended before this one began must be placed.
      for (size_t other = 0; other < history.size() && fits; ++other) {
        if (Precedes(history[other], call) &&
            (placed & (uint64_t{1} << other)) == 0) {
          fits = false;
        }
      }
      fits = fits && SameResult(entry.results[k], call.observed);
      placed |= uint64_t{1} << entry.order[k];
    }
    if (fits) return entry.order;
  }
  return {};
}

void OrderCache::Add(const std::vector<RecordedCall>& history,
                     std::vector<int> order) {
  Entry entry;
  for (int c : order) entry.results.push_back(history[c].observed);
  entry.order = std::move(order);
  if (orders_.size() >= capacity_) orders_.erase(orders_.begin());
  orders_.push_back(std::move(entry));
}

HistoryVerdict CheckHistory(const std::vector<RecordedCall>& history,
                            Replayer& replayer, OrderCache* cache,
                            int64_t budget, StateCache states) {
  RACELAB_CHECK(history.size() <= 64, "a history holds at most 64 calls");
  if (cache != nullptr) {
    if (std::vector<int> order = cache->Find(history); !order.empty()) {
      HistoryVerdict verdict;
      verdict.kind = HistoryVerdict::Kind::kExplained;
      verdict.order = std::move(order);
      verdict.from_cache = true;
      return verdict;
    }
  }
  HistoryVerdict verdict =
      Search(history, replayer, budget, states == StateCache::kUse).Run();
  if (cache != nullptr && verdict.kind == HistoryVerdict::Kind::kExplained) {
    cache->Add(history, verdict.order);
  }
  return verdict;
}

bool SameHistory(const std::vector<RecordedCall>& a,
                 const std::vector<RecordedCall>& b) {
  if (a.size() != b.size() || a.empty()) return false;
  const int64_t a_base = a.front().start;
  const int64_t b_base = b.front().start;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].op != b[i].op || a[i].start - a_base != b[i].start - b_base ||
        a[i].end - a_base != b[i].end - b_base ||
        !a[i].observed->Equals(*b[i].observed)) {
      return false;
    }
  }
  return true;
}

}  // namespace racelab::share_internal
