// A user's class and its test, outside racelab's tree.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "gtest/gtest.h"
#include "racelab/share.h"

// Thread-safe: every access under mu_.
class Inventory {
 public:
  void Add(const std::string& item) {
    std::lock_guard<std::mutex> lock(mu_);
    ++count_[item];
  }
  int Count(const std::string& item) {
    std::lock_guard<std::mutex> lock(mu_);
    return count_[item];
  }

 private:
  std::mutex mu_;
  std::map<std::string, int> count_;
};

// NOT thread-safe: the same class without its lock.
class UnlockedInventory {
 public:
  void Add(const std::string& item) { ++count_[item]; }
  int Count(const std::string& item) { return count_[item]; }

 private:
  std::map<std::string, int> count_;
};

// The calls racelab makes: each returns its result (void for Add), and
// racelab checks every history of results against the class itself. Keep
// the arguments few, so that calls collide.
template <typename T>
racelab::Operations<T> InventoryOps() {
  return racelab::Operations<T>()
      .Op("Add", &T::Add, racelab::OneOf<std::string>({"apple", "pear"}))
      .Op("Count", &T::Count, racelab::OneOf<std::string>({"apple", "pear"}));
}

TEST(InventoryTest, OneInstanceMayBeShared) {
  EXPECT_TRUE(racelab::MayShare(InventoryOps<Inventory>()));
}

// Pins that the detector is alive: the unlocked twin must be caught.
TEST(InventoryTest, TheUnlockedTwinIsReported) {
  if (!racelab::ThreadSanitizerActive()) {
    GTEST_SKIP() << "ThreadSanitizer sees this data race in every run; "
                    "without it, only such wrong results as a run shows";
  }
  EXPECT_TRUE(racelab::IsReportedRacy(InventoryOps<UnlockedInventory>()));
}
