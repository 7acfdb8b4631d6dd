// share/exhibits/reader_locked_cache.h
//
// A session cache on absl::Mutex's reader lock: Session(user) looks the
// user up under the reader lock and, if absent, makes a session id and
// stores it under the writer lock. SplitReaderCache stores without looking
// again: two first callers for one user each make an id and each get their
// own, the second overwriting the first. ReaderCache, its safe twin, looks
// again under the writer lock and returns what is there.
//
// Threading: SplitReaderCache is NOT safe to share (intentionally: a race
// condition with no data race); ReaderCache is thread-safe.

#ifndef RACELAB_SHARE_EXHIBITS_READER_LOCKED_CACHE_H_
#define RACELAB_SHARE_EXHIBITS_READER_LOCKED_CACHE_H_

#include <map>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace racelab::exhibits {

class SplitReaderCache {
 public:
  // The session id of `user`, made on the first call.
  int Session(int user) {
    {
      absl::ReaderMutexLock lock(&mu_);
      auto it = sessions_.find(user);
      if (it != sessions_.end()) return it->second;
    }
    // INTENTIONAL RACE CONDITION: another caller may have stored a session
    // for `user` since the lookup; this one overwrites it.
    absl::WriterMutexLock lock(&mu_);
    const int id = ++made_;
    sessions_[user] = id;
    return id;
  }

 private:
  absl::Mutex mu_;
  std::map<int, int> sessions_ ABSL_GUARDED_BY(mu_);
  int made_ ABSL_GUARDED_BY(mu_) = 0;
};

class ReaderCache {
 public:
  int Session(int user) {
    {
      absl::ReaderMutexLock lock(&mu_);
      auto it = sessions_.find(user);
      if (it != sessions_.end()) return it->second;
    }
    absl::WriterMutexLock lock(&mu_);
    auto [it, inserted] = sessions_.try_emplace(user, 0);
    if (inserted) it->second = ++made_;
    return it->second;
  }

 private:
  absl::Mutex mu_;
  std::map<int, int> sessions_ ABSL_GUARDED_BY(mu_);
  int made_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_READER_LOCKED_CACHE_H_
