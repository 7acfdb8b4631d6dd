// instrument/go_map.h
//
// GoMap<Map>: the Go runtime's concurrent-map check, for a C++ map. It wraps
// a map (drop-in for the storage of repro's Params and Headers when CMake's
// RACELAB_MAP_GUARD option is on) and tracks writers and active iterations
// with atomics. On a conflict it prints Go's fatal error and aborts:
//
//   fatal error: concurrent map writes
//   fatal error: concurrent map iteration and map write
//   fatal error: concurrent map read and map write
//
// Unlike Go, which prints only the goroutine that noticed, it names BOTH
// parties: the thread that noticed, with its stack, and the other thread,
// which is signalled (SIGUSR2) to print its own stack before the abort.
//
// How a conflict is noticed: a writer sets `writing` and then looks for
// active iterations; an iteration registers itself and then looks for
// `writing`, again at every step; a read looks for `writing`. All of these
// are sequentially consistent, so whenever a write overlaps an iteration or
// another write in time, at least one side sees the other BEFORE the writer
// mutates the map. (A read is checked once, as in Go: best effort.)
//
// Thread safety: GoMap is exactly as unsafe as the map it wraps (it is not a
// lock); what it adds is that misuse from several threads is caught and
// reported instead of corrupting memory. The guard's atomics do order
// memory, so do not use it in a ThreadSanitizer build: it would hide the
// races TSan is there to see.

#ifndef RACELAB_INSTRUMENT_GO_MAP_H_
#define RACELAB_INSTRUMENT_GO_MAP_H_

#include <sys/types.h>

#include <atomic>
#include <cstddef>
#include <utility>

namespace racelab {

// The shared state of one guarded map, and the fatal report.
class MapGuard {
 public:
  enum class Conflict { kWrites, kIterationAndWrite, kReadAndWrite };

  // Marks a write for its scope. Aborts on a concurrent write or iteration.
  class WriteScope {
   public:
    explicit WriteScope(MapGuard& guard);
    ~WriteScope();
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;

   private:
    MapGuard& guard_;
  };

  MapGuard() = default;
  MapGuard(const MapGuard&) = delete;
  MapGuard& operator=(const MapGuard&) = delete;

  // An iteration begins / ends. BeginIteration() aborts if a write is in
  // progress.
  void BeginIteration();
  void EndIteration();
  // One iteration step or one read: aborts if a write is in progress.
  void CheckStep() const;
  void CheckRead() const;

  // Fatal(): prints the report for `conflict` noticed by this thread, with
  // the other party's thread id (0 if unknown), and aborts.
  [[noreturn]] static void Fatal(Conflict conflict, pid_t other_thread);

 private:
  std::atomic<bool> writing_{false};
  std::atomic<pid_t> writer_{0};
  std::atomic<int> iterations_{0};
  std::atomic<pid_t> iterator_{0};
};

template <typename Map>
class GoMap {
 public:
  using key_type = typename Map::key_type;
  using mapped_type = typename Map::mapped_type;
  using value_type = typename Map::value_type;

  // An iterator that checks the guard at every step, like Go's mapiternext.
  // The iterator returned by begin() registers an active iteration for its
  // lifetime (copies do not), which is exactly a range-for loop.
  class const_iterator {
   public:
    const_iterator(const const_iterator& other)
        : it_(other.it_), guard_(other.guard_), owns_(false) {}
    const_iterator& operator=(const const_iterator&) = delete;
    ~const_iterator() {
      if (owns_) guard_->EndIteration();
    }

    const value_type& operator*() const {
      guard_->CheckStep();
      return *it_;
    }
    const value_type* operator->() const { return &**this; }
    const_iterator& operator++() {
      guard_->CheckStep();
      ++it_;
      return *this;
    }
    bool operator==(const const_iterator& other) const {
      return it_ == other.it_;
    }

   private:
    friend class GoMap;
    // `owns`: this iterator ends the iteration that begin() registered.
    const_iterator(typename Map::const_iterator it, MapGuard* guard, bool owns)
        : it_(it), guard_(guard), owns_(owns) {}

    typename Map::const_iterator it_;
    MapGuard* guard_;
    bool owns_;
  };

  GoMap() = default;
  GoMap(const GoMap&) = delete;
  GoMap& operator=(const GoMap&) = delete;
  // Moves the contents; each map keeps its own guard.
  // REQUIRES: neither map is in use by another thread.
  GoMap(GoMap&& other) : map_(std::move(other.map_)) {}
  GoMap& operator=(GoMap&& other) {
    MapGuard::WriteScope write(guard_);
    map_ = std::move(other.map_);
    return *this;
  }

  // Replaces the contents: a write.
  GoMap& operator=(Map contents) {
    MapGuard::WriteScope write(guard_);
    map_ = std::move(contents);
    return *this;
  }

  // Go: m[key] = value. A write.
  template <typename K, typename V>
  void insert_or_assign(K&& key, V&& value) {
    MapGuard::WriteScope write(guard_);
    map_.insert_or_assign(std::forward<K>(key), std::forward<V>(value));
  }

  size_t size() const {
    guard_.CheckRead();
    return map_.size();
  }
  const_iterator begin() const {
    // Registered BEFORE map_.begin() reads the table, so a concurrent writer
    // is caught before either side touches it.
    guard_.BeginIteration();
    return const_iterator(map_.begin(), &guard_, /*owns=*/true);
  }
  const_iterator end() const {
    return const_iterator(map_.end(), &guard_, /*owns=*/false);
  }

 private:
  Map map_;
  mutable MapGuard guard_;
};

}  // namespace racelab

#endif  // RACELAB_INSTRUMENT_GO_MAP_H_
