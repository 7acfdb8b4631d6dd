// share/history/throw_tally_test.cc: an operation that threw on every call
// replayed alone is named; one that threw on some, or on one call only, is
// not.

#include "share/history/throw_tally.h"

#include <memory>
#include <stdexcept>
#include <typeinfo>
#include <vector>

#include "gtest/gtest.h"

namespace racelab::share_internal {
namespace {

std::vector<RecordedOperation> Named(std::vector<const char*> names) {
  std::vector<RecordedOperation> operations;
  for (const char* name : names) {
    RecordedOperation op;
    op.name = name;
    operations.push_back(std::move(op));
  }
  return operations;
}

Result Thrown(const char* what) {
  return std::make_shared<ThrownResult>(&typeid(std::out_of_range), what);
}

TEST(ThrowTallyTest, NamesTheFirstOperationThatThrewOnEveryCall) {
  const std::vector<RecordedOperation> operations =
      Named({"Put", "Take", "Count"});
  ThrowTally tally(operations);
  const Result ok = std::make_shared<VoidResult>();
  tally.Count(0, ok);
  tally.Count(0, Thrown("full"));  // Put: threw on some calls only
  tally.Count(1, Thrown("slot 7"));
  tally.Count(1, Thrown("slot 9"));  // Take: on every call
  tally.Count(2, Thrown("empty"));   // Count: once, too few to say
  EXPECT_EQ(tally.AlwaysThrowing(),
            "Take threw on every one of its 2 calls replayed alone on a "
            "fresh instance (last: " +
                Thrown("slot 9")->Print() + ")");
}

TEST(ThrowTallyTest, SaysNothingWhenEveryOperationReturnedSometimes) {
  const std::vector<RecordedOperation> operations = Named({"Put"});
  ThrowTally tally(operations);
  EXPECT_EQ(tally.AlwaysThrowing(), "");
  tally.Count(0, Thrown("full"));
  tally.Count(0, std::make_shared<VoidResult>());
  EXPECT_EQ(tally.AlwaysThrowing(), "");
}

TEST(ThrowTallyDeathTest, AnOperationOutOfRangeIsRefusedInRelease) {
  const std::vector<RecordedOperation> operations = Named({"Put"});
  ThrowTally tally(operations);
  EXPECT_DEATH(tally.Count(1, std::make_shared<VoidResult>()),
               "no such operation");
}

}  // namespace
}  // namespace racelab::share_internal
