// instrument/go_map_test.cc
//
// GoMap used correctly (one thread at a time) behaves like the map it wraps.
// Its concurrent-misuse detection is tested end to end in
// repro/map_guard_test.cc, on the real buggy client.

#include "instrument/go_map.h"

#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "world/query.h"

namespace racelab {
namespace {

TEST(GoMapTest, BehavesLikeTheMapItWraps) {
  GoMap<ParamMap> map;
  map.insert_or_assign("b", "2");
  map.insert_or_assign(std::string("a"), std::string("1"));
  map.insert_or_assign("a", "changed");
  EXPECT_EQ(map.size(), 2u);
  ParamMap copy;
  for (const auto& [key, value] : map) copy[key] = value;
  EXPECT_EQ(copy, (ParamMap{{"a", "changed"}, {"b", "2"}}));

  map = ParamMap{{"only", "one"}};
  EXPECT_EQ(map.size(), 1u);
  EXPECT_EQ(map.begin()->first, "only");

  GoMap<ParamMap> moved(std::move(map));
  EXPECT_EQ(moved.size(), 1u);
}

TEST(GoMapTest, SequentialUseFromManyThreadsIsFine) {
  // The guard checks for overlap in time, not for which thread: handing the
  // map from thread to thread (with a join in between) is not misuse.
  GoMap<ParamMap> map;
  for (int i = 0; i < 8; ++i) {
    std::thread([&map, i] {
      map.insert_or_assign(std::to_string(i), "v");
      size_t seen = 0;
      for (const auto& entry : map) seen += entry.second.size();
      EXPECT_EQ(seen, static_cast<size_t>(i + 1));
    }).join();
  }
  EXPECT_EQ(map.size(), 8u);
}

TEST(GoMapTest, AnAbandonedLoopEndsItsIteration) {
  GoMap<ParamMap> map;
  map.insert_or_assign("a", "1");
  map.insert_or_assign("b", "2");
  for (const auto& entry : map) {
    (void)entry;
    break;  // the iterator's destructor ends the iteration
  }
  map.insert_or_assign("c", "3");  // would abort if the iteration were live
  EXPECT_EQ(map.size(), 3u);
}

}  // namespace
}  // namespace racelab
