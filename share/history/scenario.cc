// share/history/scenario.cc

#include "share/history/scenario.h"

#include <algorithm>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "base/check.h"

namespace racelab::share_internal {
namespace {

std::string WithResult(const std::vector<RecordedOperation>& operations,
                       const RecordedCall& call) {
  std::string text = CallText(operations, call);
  if (call.observed != nullptr) {
    absl::StrAppend(&text, " -> ", call.observed->Print());
  }
  return text;
}

// "t1#2": the third call of thread 1; "prefix#0", "suffix#0".
std::string CallLabel(const RecordedCall& call) {
  switch (call.part) {
    case Part::kPrefix:
      return absl::StrCat("prefix#", call.call.number);
    case Part::kSuffix:
      return absl::StrCat("suffix#", call.call.number);
    case Part::kParallel:
      break;
  }
  return absl::StrCat("t", call.call.thread, "#", call.call.number);
}

std::string Pad(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

}  // namespace

Scenario DrawScenario(const std::vector<RecordedOperation>& operations,
                      const ScenarioShape& shape, uint64_t seed, int index) {
  RACELAB_CHECK(!operations.empty(), "a scenario needs an operation");
  std::mt19937_64 random(seed ^ (uint64_t(index + 1) * 0xD1B54A32D192ED03ULL));
  Scenario scenario;
  scenario.shape = shape;
  auto draw = [&](Part part, int thread, int number) {
    RecordedCall call;
    call.op = static_cast<int>(random() % operations.size());
    call.part = part;
    call.call = Call{thread, number};
    call.args = operations[call.op].draw(random);
    scenario.calls.push_back(std::move(call));
  };
  for (int k = 0; k < shape.prefix; ++k) draw(Part::kPrefix, 0, k);
  for (int t = 0; t < shape.threads; ++t) {
    for (int k = 0; k < shape.calls_per_thread; ++k) {
      draw(Part::kParallel, t, k);
    }
  }
  for (int k = 0; k < shape.suffix; ++k) draw(Part::kSuffix, 0, k);
  return scenario;
}

ScenarioLayout LayoutOf(const Scenario& scenario) {
  ScenarioLayout layout;
  layout.threads.assign(scenario.shape.threads, {0, 0});
  const std::vector<RecordedCall>& calls = scenario.calls;
  size_t i = 0;
  while (i < calls.size() && calls[i].part == Part::kPrefix) ++i;
  layout.prefix_end = i;
  for (int t = 0; t < scenario.shape.threads; ++t) {
    layout.threads[t] = {i, i};
    while (i < calls.size() && calls[i].part == Part::kParallel &&
           calls[i].call.thread == t) {
      ++i;
    }
    layout.threads[t].second = i;
  }
  RACELAB_CHECK(i == calls.size() || calls[i].part == Part::kSuffix,
                "a scenario's calls are laid out prefix, threads, suffix");
  layout.suffix_begin = i;
  return layout;
}

Scenario WithoutCall(const Scenario& scenario, size_t index) {
  RACELAB_CHECK(index < scenario.calls.size(), "no such call");
  Scenario smaller = scenario;
  smaller.calls.erase(smaller.calls.begin() + index);
  return smaller;
}

int BusyThreads(const Scenario& scenario) {
  int busy = 0;
  for (const auto& [begin, end] : LayoutOf(scenario).threads) {
    busy += end > begin ? 1 : 0;
  }
  return busy;
}

std::string FormatScenario(const std::vector<RecordedOperation>& operations,
                           const Scenario& scenario) {
  const ScenarioLayout layout = LayoutOf(scenario);
  auto part = [&](size_t begin, size_t end) {
    std::vector<std::string> texts;
    for (size_t i = begin; i < end; ++i) {
      texts.push_back(CallText(operations, scenario.calls[i]));
    }
    return texts.empty() ? std::string("-") : absl::StrJoin(texts, ", ");
  };
  std::string text = absl::StrCat("prefix: ", part(0, layout.prefix_end));
  for (size_t t = 0; t < layout.threads.size(); ++t) {
    absl::StrAppend(&text, "; thread ", t, ": ",
                    part(layout.threads[t].first, layout.threads[t].second));
  }
  absl::StrAppend(
      &text, "; suffix: ", part(layout.suffix_begin, scenario.calls.size()));
  return text;
}

std::string CallText(const std::vector<RecordedOperation>& operations,
                     const RecordedCall& call) {
  return absl::StrCat(operations[call.op].name, call.args.printed);
}

namespace {

// "overlapped: T0.1~T1.0 ...": which calls of different threads ran at the
// same time ("none" if no two did).
std::string OverlapLine(const std::vector<RecordedCall>& history) {
  std::vector<std::string> overlaps;
  for (size_t a = 0; a < history.size(); ++a) {
    for (size_t b = a + 1; b < history.size(); ++b) {
      const RecordedCall& x = history[a];
      const RecordedCall& y = history[b];
      if (x.part != Part::kParallel || y.part != Part::kParallel ||
          x.call.thread == y.call.thread) {
        continue;
      }
      if (!Precedes(x, y) && !Precedes(y, x)) {
        overlaps.push_back(absl::StrCat(CallLabel(x), "~", CallLabel(y)));
      }
    }
  }
  return absl::StrCat("overlapped: ",
                      overlaps.empty() ? "none" : absl::StrJoin(overlaps, " "));
}

}  // namespace

std::vector<std::string> ExplainUnexplained(
    const std::vector<RecordedOperation>& operations,
    const ScenarioShape& shape, const std::vector<RecordedCall>& history,
    const HistoryVerdict& verdict) {
  std::vector<std::string> lines;
  std::vector<const RecordedCall*> prefix, suffix;
  std::vector<std::vector<const RecordedCall*>> columns(shape.threads);
  for (const RecordedCall& call : history) {
    if (call.part == Part::kPrefix) prefix.push_back(&call);
    if (call.part == Part::kSuffix) suffix.push_back(&call);
    if (call.part == Part::kParallel)
      columns[call.call.thread].push_back(&call);
  }
  std::vector<std::string> texts;
  for (const RecordedCall* call : prefix) {
    texts.push_back(WithResult(operations, *call));
  }
  if (!texts.empty()) {
    lines.push_back(
        absl::StrCat("prefix (one thread):  ", absl::StrJoin(texts, "; ")));
  }
  size_t width = 12;
  size_t rows = 0;
  for (const auto& column : columns) {
    rows = std::max(rows, column.size());
    for (const RecordedCall* call : column) {
      width = std::max(width, WithResult(operations, *call).size() + 2);
    }
  }
  std::string header = "      ";
  for (int t = 0; t < shape.threads; ++t) {
    absl::StrAppend(&header, "| ", Pad(absl::StrCat("thread ", t), width));
  }
  lines.emplace_back(absl::StripTrailingAsciiWhitespace(header));
  for (size_t row = 0; row < rows; ++row) {
    std::string line = Pad(absl::StrCat("  #", row), 6);
    for (const auto& column : columns) {
      absl::StrAppend(
          &line, "| ",
          Pad(row < column.size() ? WithResult(operations, *column[row]) : "",
              width));
    }
    lines.emplace_back(absl::StripTrailingAsciiWhitespace(line));
  }
  texts.clear();
  for (const RecordedCall* call : suffix) {
    texts.push_back(WithResult(operations, *call));
  }
  if (!texts.empty()) {
    lines.push_back(
        absl::StrCat("suffix (one thread):  ", absl::StrJoin(texts, "; ")));
  }
  lines.push_back(OverlapLine(history));
  if (verdict.unexplained >= 0) {
    const RecordedCall& call = history[verdict.unexplained];
    std::vector<std::string> before;
    for (int c : verdict.deepest) {
      before.push_back(absl::StrCat(CallLabel(history[c]), " ",
                                    WithResult(operations, history[c])));
    }
    lines.push_back(absl::StrCat(
        "first call no order explains: ", CallLabel(call), " ",
        CallText(operations, call), " observed ",
        call.observed == nullptr ? "nothing" : call.observed->Print(),
        "; replayed one at a time after [",
        before.empty() ? "nothing" : absl::StrJoin(before, "; "),
        "] it returns ",
        verdict.replayed == nullptr ? "nothing" : verdict.replayed->Print()));
  }
  return lines;
}

}  // namespace racelab::share_internal
