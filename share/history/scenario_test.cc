// share/history/scenario_test.cc: scenarios drawn from Operations<T>, and the table
// a failed history is explained with.

#include "share/history/scenario.h"

#include <stdexcept>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "racelab/operations.h"

namespace racelab::share_internal {
namespace {

class Shelf {
 public:
  int Take(int slot) {
    if (slot > 2) throw std::out_of_range("no slot");
    return slot * 10;
  }
  void Put(int, const std::string&) {}
  int Count() const { return 7; }
};

Operations<Shelf> ShelfOperations() {
  return Operations<Shelf>()
      .Op("Take", &Shelf::Take, Range(0, 3))
      .Op("Put", &Shelf::Put, Range(0, 1), OneOf<std::string>({"a", "b"}))
      .Op("Count", &Shelf::Count)
      .Op("CallNumber", [](Shelf&, const Call& call) {
        return call.thread * 100 + call.number;
      });
}

TEST(OperationsTest, RecordsValuesVoidAndThrownResults) {
  const Operations<Shelf> ops = ShelfOperations();
  ASSERT_EQ(ops.recorded().size(), 4u);
  Shelf shelf;
  const RecordedOperation& take = ops.recorded()[0];
  std::mt19937_64 random(1);
  Arguments args = take.draw(random);
  const Result result = take.run(&shelf, args, Call{});
  const int slot =
      std::get<0>(*static_cast<const std::tuple<int>*>(args.values.get()));
  EXPECT_EQ(args.printed, "(" + std::to_string(slot) + ")");
  EXPECT_EQ(result->Print(), slot > 2 ? "throws std::out_of_range(\"no slot\")"
                                      : std::to_string(slot * 10));
  const RecordedOperation& put = ops.recorded()[1];
  args = put.draw(random);
  EXPECT_EQ(put.run(&shelf, args, Call{})->Print(), "void");
  EXPECT_TRUE(args.printed == "(0, \"a\")" || args.printed == "(0, \"b\")" ||
              args.printed == "(1, \"a\")" || args.printed == "(1, \"b\")")
      << args.printed;
  const RecordedOperation& number = ops.recorded()[3];
  EXPECT_EQ(number.run(&shelf, number.draw(random), Call{2, 5})->Print(),
            "205");
  EXPECT_TRUE(ops.factory() != nullptr);  // default-constructible
}

TEST(OperationsTest, GeneratorsOutOfRangeThrowWithTheReason) {
  EXPECT_THROW(
      {
        try {
          Range(5, 1);
        } catch (const std::invalid_argument& e) {
          EXPECT_STREQ(e.what(),
                       "racelab::Range(5, 1): lo must not be above hi");
          throw;
        }
      },
      std::invalid_argument);
  EXPECT_THROW(OneOf<int>({}), std::invalid_argument);
  std::mt19937_64 random(3);
  const Generator<int> one = Range(4, 4);
  EXPECT_EQ(one.draw(random), 4);
}

TEST(ScenarioTest, TheSameSeedDrawsTheSameScenario) {
  const Operations<Shelf> ops = ShelfOperations();
  const ScenarioShape shape{2, 3, 2, 1};
  const Scenario a = DrawScenario(ops.recorded(), shape, 42, 7);
  const Scenario b = DrawScenario(ops.recorded(), shape, 42, 7);
  ASSERT_EQ(a.calls.size(), 2u + 3 * 2 + 1);
  std::vector<std::string> texts_a, texts_b;
  for (size_t i = 0; i < a.calls.size(); ++i) {
    texts_a.push_back(CallText(ops.recorded(), a.calls[i]));
    texts_b.push_back(CallText(ops.recorded(), b.calls[i]));
  }
  EXPECT_EQ(texts_a, texts_b);
  // Layout: prefix, thread 0's calls, thread 1's, thread 2's, suffix.
  EXPECT_EQ(a.calls[0].part, Part::kPrefix);
  EXPECT_EQ(a.calls[1].call.number, 1);
  EXPECT_EQ(a.calls[2].part, Part::kParallel);
  EXPECT_EQ(a.calls[2].call.thread, 0);
  EXPECT_EQ(a.calls[4].call.thread, 1);
  EXPECT_EQ(a.calls[5].call.number, 1);
  EXPECT_EQ(a.calls[8].part, Part::kSuffix);
  // Another index or seed draws another scenario (over 9 calls of 4 ops,
  // equal draws would be a broken generator).
  std::vector<std::string> texts_c;
  const Scenario c = DrawScenario(ops.recorded(), shape, 43, 7);
  for (const RecordedCall& call : c.calls) {
    texts_c.push_back(CallText(ops.recorded(), call));
  }
  EXPECT_NE(texts_a, texts_c);
}

TEST(ScenarioTest, DroppingCallsKeepsTheLayout) {
  const Operations<Shelf> ops = ShelfOperations();
  const Scenario full = DrawScenario(ops.recorded(), {1, 2, 2, 1}, 5, 0);
  ScenarioLayout layout = LayoutOf(full);
  EXPECT_EQ(layout.prefix_end, 1u);
  EXPECT_EQ(layout.threads[0], (std::pair<size_t, size_t>{1, 3}));
  EXPECT_EQ(layout.threads[1], (std::pair<size_t, size_t>{3, 5}));
  EXPECT_EQ(layout.suffix_begin, 5u);
  EXPECT_EQ(BusyThreads(full), 2);
  // Drop the prefix and thread 0's first call.
  const Scenario smaller = WithoutCall(WithoutCall(full, 0), 0);
  layout = LayoutOf(smaller);
  EXPECT_EQ(layout.prefix_end, 0u);
  EXPECT_EQ(layout.threads[0], (std::pair<size_t, size_t>{0, 1}));
  EXPECT_EQ(layout.threads[1], (std::pair<size_t, size_t>{1, 3}));
  EXPECT_EQ(layout.suffix_begin, 3u);
  EXPECT_EQ(smaller.calls[0].call.number, 1);  // it keeps the Call it had
  // Thread 0 left without calls: one busy thread, no concurrency.
  EXPECT_EQ(BusyThreads(WithoutCall(smaller, 0)), 1);
  const std::string text = FormatScenario(ops.recorded(), smaller);
  EXPECT_TRUE(text.rfind("prefix: -; thread 0: ", 0) == 0) << text;
  EXPECT_NE(text.find("; thread 1: "), std::string::npos) << text;
  EXPECT_NE(text.find("; suffix: "), std::string::npos) << text;
}

TEST(ScenarioTest, TheExplanationIsATableWithTheUnexplainedCall) {
  struct Dispenser {
    int Next() { return 0; }
  };
  const Operations<Dispenser> ops =
      Operations<Dispenser>().Op("Next", &Dispenser::Next);
  const ScenarioShape shape{1, 2, 1, 0};
  std::vector<RecordedCall> history =
      DrawScenario(ops.recorded(), shape, 1, 0).calls;
  ASSERT_EQ(history.size(), 3u);
  const int results[] = {0, 1, 1};
  const int64_t tickets[][2] = {{0, 1}, {2, 5}, {3, 4}};
  for (int i = 0; i < 3; ++i) {
    history[i].observed = std::make_shared<ValueResult<int>>(results[i]);
    history[i].start = tickets[i][0];
    history[i].end = tickets[i][1];
  }
  HistoryVerdict verdict;
  verdict.kind = HistoryVerdict::Kind::kUnexplained;
  verdict.deepest = {0, 1};
  verdict.unexplained = 2;
  verdict.replayed = std::make_shared<ValueResult<int>>(2);
  const std::string text = absl::StrJoin(
      ExplainUnexplained(ops.recorded(), shape, history, verdict), "\n");
  EXPECT_EQ(text,
            "prefix (one thread):  Next() -> 0\n"
            "      | thread 0     | thread 1\n"
            "  #0  | Next() -> 1  | Next() -> 1\n"
            "overlapped: t0#0~t1#0\n"
            "first call no order explains: t1#0 Next() observed 1; replayed "
            "one at a time after [prefix#0 Next() -> 0; t0#0 Next() -> 1] it "
            "returns 2");
}

}  // namespace
}  // namespace racelab::share_internal
