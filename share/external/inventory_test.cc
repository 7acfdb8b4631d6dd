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

 private:
  std::map<std::string, int> count_;
};

TEST(InventoryTest, OneInstanceMayBeShared) {
  EXPECT_TRUE(racelab::MayShare<Inventory>(
      [] { return std::make_unique<Inventory>(); },
      {{"add",
        [](Inventory& inventory, const racelab::Call& call) {
          inventory.Add("item-" + std::to_string(call.thread));
          return std::string();
        }},
       {"count", [](Inventory& inventory, const racelab::Call&) {
          return inventory.Count("item-0") >= 0 ? std::string()
                                                : "negative count";
        }}}));
}

// Pins that the detector is alive: the unlocked twin must be caught.
TEST(InventoryTest, TheUnlockedTwinIsReported) {
  if (!racelab::ThreadSanitizerActive()) {
    GTEST_SKIP() << "a race that gives no wrong result needs the TSan build";
  }
  EXPECT_TRUE(racelab::IsReportedRacy<UnlockedInventory>(
      [] { return std::make_unique<UnlockedInventory>(); },
      {{"add", [](UnlockedInventory& inventory, const racelab::Call& call) {
          inventory.Add("item-" + std::to_string(call.thread));
          return std::string();
        }}}));
}
