// share/history/scenario_steps_test.cc: the steps that make a failing scenario
// smaller, the generators' simpler arguments, and the text that replays the
// steps.

#include "share/history/scenario_steps.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "racelab/operations.h"

namespace racelab::share_internal {
namespace {

class Shelf {
 public:
  int Take(int slot) { return slot; }
  void Put(int, const std::string&) {}
};

Operations<Shelf> ShelfOperations() {
  return Operations<Shelf>()
      .Op("Take", &Shelf::Take, Range(2, 9))
      .Op("Put", &Shelf::Put, Range(0, 1), OneOf<std::string>({"a", "b", "c"}));
}

// prefix: Take(9); thread 0: Take(6), Put(1, "c"); thread 1: Take(2);
// suffix: -
Scenario Example() {
  Scenario scenario;
  scenario.shape = {1, 2, 2, 0};
  auto add = [&](int op, Part part, int thread, int number, auto... args) {
    RecordedCall call;
    call.op = op;
    call.part = part;
    call.call = Call{thread, number};
    auto values =
        std::make_shared<const std::tuple<decltype(args)...>>(args...);
    call.args = Arguments{values, PrintArguments(*values)};
    scenario.calls.push_back(call);
  };
  add(0, Part::kPrefix, 0, 0, 9);
  add(0, Part::kParallel, 0, 0, 6);
  add(1, Part::kParallel, 0, 1, 1, std::string("c"));
  add(0, Part::kParallel, 1, 0, 2);
  return scenario;
}

std::string Steps(const std::vector<ScenarioStep>& steps) {
  return FormatSteps(steps);
}

TEST(GeneratorTest, OffersSimplerValuesSimplestFirst) {
  const Generator<int> range = Range(2, 9);
  EXPECT_EQ(range.simpler(9), (std::vector<int>{2, 5}));
  EXPECT_EQ(range.simpler(3), (std::vector<int>{2}));
  EXPECT_TRUE(range.simpler(2).empty());
  const Generator<int> negative = Range(-8, -1);
  EXPECT_EQ(negative.simpler(-1), (std::vector<int>{-8, -5}));
  const Generator<std::string> one_of = OneOf<std::string>({"a", "b", "c"});
  EXPECT_EQ(one_of.simpler("c"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(one_of.simpler("a").empty());
  EXPECT_FALSE(Draw<int>([](std::mt19937_64&) { return 1; }).simpler);
  const Generator<int> drawn =
      Draw<int>([](std::mt19937_64&) { return 4; },
                [](const int& v) { return std::vector<int>{v / 2}; });
  EXPECT_EQ(drawn.simpler(4), (std::vector<int>{2}));
}

TEST(ScenarioStepsTest, OffersOnlyStepsThatKeepTwoThreadsBusy) {
  const Operations<Shelf> ops = ShelfOperations();
  const Scenario scenario = Example();
  // Thread 1 has one call: dropping it, or moving it out, leaves one busy
  // thread. Put(1, "c") offers Put(0, "c"), Put(1, "a"), Put(1, "b").
  EXPECT_EQ(Steps(SmallerSteps(ops.recorded(), scenario)),
            "drop 0, drop 1, drop 2, prefix 1, suffix 2, simpler 0.0, "
            "simpler 0.1, simpler 1.0, simpler 1.1, simpler 2.0, "
            "simpler 2.1, simpler 2.2");
}

TEST(ScenarioStepsTest, MovesKeepTheLayoutAndTheCall) {
  const Operations<Shelf> ops = ShelfOperations();
  const Scenario scenario = Example();
  absl::StatusOr<Scenario> moved = ApplyStep(
      ops.recorded(), scenario, {ScenarioStep::Kind::kToPrefix, 1, 0});
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(FormatScenario(ops.recorded(), *moved),
            "prefix: Take(9), Take(6); thread 0: Put(1, \"c\"); thread 1: "
            "Take(2); suffix: -");
  EXPECT_EQ(moved->calls[1].call.thread, 0);  // called as before
  moved = ApplyStep(ops.recorded(), scenario,
                    {ScenarioStep::Kind::kToSuffix, 2, 0});
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(FormatScenario(ops.recorded(), *moved),
            "prefix: Take(9); thread 0: Take(6); thread 1: Take(2); suffix: "
            "Put(1, \"c\")");
  moved =
      ApplyStep(ops.recorded(), scenario, {ScenarioStep::Kind::kSimpler, 2, 1});
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->calls[2].args.printed, "(1, \"a\")");
  EXPECT_EQ(
      ops.recorded()[1].run(nullptr, moved->calls[2].args, Call{})->Print(),
      "void");
}

TEST(ScenarioStepsTest, AStepThatDoesNotFitSaysWhy) {
  const Operations<Shelf> ops = ShelfOperations();
  const Scenario scenario = Example();
  auto error = [&](ScenarioStep step) {
    return std::string(
        ApplyStep(ops.recorded(), scenario, step).status().message());
  };
  EXPECT_EQ(error({ScenarioStep::Kind::kDrop, 4, 0}),
            "step \"drop 4\" does not fit: the scenario has 4 calls left "
            "there");
  EXPECT_EQ(error({ScenarioStep::Kind::kToPrefix, 2, 0}),
            "step \"prefix 2\" does not fit: that call is not the first of "
            "a thread");
  EXPECT_EQ(error({ScenarioStep::Kind::kToSuffix, 0, 0}),
            "step \"suffix 0\" does not fit: that call is not the last of a "
            "thread");
  EXPECT_EQ(error({ScenarioStep::Kind::kSimpler, 3, 0}),
            "step \"simpler 3.0\" does not fit: Take(2) has 0 simpler "
            "arguments");
}

TEST(ScenarioStepsTest, StepsRoundTripThroughText) {
  const std::vector<ScenarioStep> steps = {
      {ScenarioStep::Kind::kDrop, 3, 0},
      {ScenarioStep::Kind::kToPrefix, 0, 0},
      {ScenarioStep::Kind::kToSuffix, 12, 0},
      {ScenarioStep::Kind::kSimpler, 2, 1}};
  EXPECT_EQ(FormatSteps(steps), "drop 3, prefix 0, suffix 12, simpler 2.1");
  const absl::StatusOr<std::vector<ScenarioStep>> parsed =
      ParseSteps(FormatSteps(steps));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, steps);
  EXPECT_TRUE(ParseSteps("").value().empty());
  for (const char* bad : {"drop", "drop x", "drop -1", "simpler 2", "move 1",
                          "drop 1.5", "simpler 1.x"}) {
    EXPECT_FALSE(ParseSteps(bad).ok()) << bad;
    EXPECT_TRUE(absl::StrContains(ParseSteps(bad).status().message(),
                                  "cannot read step"))
        << bad;
  }
}

}  // namespace
}  // namespace racelab::share_internal
