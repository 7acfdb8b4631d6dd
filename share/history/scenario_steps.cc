// share/history/scenario_steps.cc

#include "share/history/scenario_steps.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace racelab::share_internal {
namespace {

// The thread whose calls include `index`, or -1 (prefix or suffix).
int ThreadOf(const ScenarioLayout& layout, size_t index) {
  for (size_t t = 0; t < layout.threads.size(); ++t) {
    if (index >= layout.threads[t].first && index < layout.threads[t].second) {
      return static_cast<int>(t);
    }
  }
  return -1;
}

absl::Status DoesNotFit(const ScenarioStep& step, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("step \"", FormatStep(step), "\" does not fit: ", why));
}

}  // namespace

std::vector<ScenarioStep> SmallerSteps(
    const std::vector<RecordedOperation>& operations,
    const Scenario& scenario) {
  std::vector<ScenarioStep> candidates;
  const ScenarioLayout layout = LayoutOf(scenario);
  for (size_t i = 0; i < scenario.calls.size(); ++i) {
    candidates.push_back({ScenarioStep::Kind::kDrop, static_cast<int>(i), 0});
  }
  for (const auto& [begin, end] : layout.threads) {
    if (begin == end) continue;
    candidates.push_back(
        {ScenarioStep::Kind::kToPrefix, static_cast<int>(begin), 0});
    candidates.push_back(
        {ScenarioStep::Kind::kToSuffix, static_cast<int>(end - 1), 0});
  }
  for (size_t i = 0; i < scenario.calls.size(); ++i) {
    const RecordedCall& call = scenario.calls[i];
    const RecordedOperation& op = operations[call.op];
    const size_t simpler = op.simpler ? op.simpler(call.args).size() : 0;
    for (size_t k = 0; k < simpler; ++k) {
      candidates.push_back({ScenarioStep::Kind::kSimpler, static_cast<int>(i),
                            static_cast<int>(k)});
    }
  }
  // Only steps that leave two threads with calls: a race condition needs
  // two calls at once.
  std::vector<ScenarioStep> steps;
  for (const ScenarioStep& step : candidates) {
    const absl::StatusOr<Scenario> after =
        ApplyStep(operations, scenario, step);
    if (after.ok() && BusyThreads(*after) >= 2) steps.push_back(step);
  }
  return steps;
}

absl::StatusOr<Scenario> ApplyStep(
    const std::vector<RecordedOperation>& operations, const Scenario& scenario,
    const ScenarioStep& step) {
  if (step.call < 0 || size_t(step.call) >= scenario.calls.size()) {
    return DoesNotFit(step,
                      absl::StrCat("the scenario has ", scenario.calls.size(),
                                   " calls left there"));
  }
  const size_t index = static_cast<size_t>(step.call);
  const ScenarioLayout layout = LayoutOf(scenario);
  const int thread = ThreadOf(layout, index);
  Scenario after = scenario;
  switch (step.kind) {
    case ScenarioStep::Kind::kDrop:
      return WithoutCall(scenario, index);
    case ScenarioStep::Kind::kToPrefix: {
      if (thread < 0 || layout.threads[thread].first != index) {
        return DoesNotFit(step, "that call is not the first of a thread");
      }
      RecordedCall moved = std::move(after.calls[index]);
      moved.part = Part::kPrefix;
      after.calls.erase(after.calls.begin() + index);
      after.calls.insert(after.calls.begin() + layout.prefix_end,
                         std::move(moved));
      return after;
    }
    case ScenarioStep::Kind::kToSuffix: {
      if (thread < 0 || layout.threads[thread].second != index + 1) {
        return DoesNotFit(step, "that call is not the last of a thread");
      }
      RecordedCall moved = std::move(after.calls[index]);
      moved.part = Part::kSuffix;
      after.calls.erase(after.calls.begin() + index);
      // The suffix began one place earlier once the call was erased.
      after.calls.insert(after.calls.begin() + (layout.suffix_begin - 1),
                         std::move(moved));
      return after;
    }
    case ScenarioStep::Kind::kSimpler: {
      RecordedCall& call = after.calls[index];
      const RecordedOperation& op = operations[call.op];
      std::vector<Arguments> simpler;
      if (op.simpler) simpler = op.simpler(call.args);
      if (step.candidate < 0 || size_t(step.candidate) >= simpler.size()) {
        return DoesNotFit(step,
                          absl::StrCat(op.name, call.args.printed, " has ",
                                       simpler.size(), " simpler arguments"));
      }
      call.args = std::move(simpler[step.candidate]);
      return after;
    }
  }
  return DoesNotFit(step, "unknown step");
}

std::string FormatStep(const ScenarioStep& step) {
  switch (step.kind) {
    case ScenarioStep::Kind::kDrop:
      return absl::StrCat("drop ", step.call);
    case ScenarioStep::Kind::kToPrefix:
      return absl::StrCat("prefix ", step.call);
    case ScenarioStep::Kind::kToSuffix:
      return absl::StrCat("suffix ", step.call);
    case ScenarioStep::Kind::kSimpler:
      return absl::StrCat("simpler ", step.call, ".", step.candidate);
  }
  return "?";
}

std::string FormatSteps(const std::vector<ScenarioStep>& steps) {
  return absl::StrJoin(steps, ", ",
                       [](std::string* out, const ScenarioStep& step) {
                         out->append(FormatStep(step));
                       });
}

absl::StatusOr<std::vector<ScenarioStep>> ParseSteps(absl::string_view text) {
  std::vector<ScenarioStep> steps;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    part = absl::StripAsciiWhitespace(part);
    if (part.empty()) continue;
    const std::pair<absl::string_view, absl::string_view> words =
        absl::StrSplit(part, absl::MaxSplits(' ', 1));
    ScenarioStep step;
    absl::string_view number = absl::StripAsciiWhitespace(words.second);
    bool ok = true;
    if (words.first == "drop") {
      step.kind = ScenarioStep::Kind::kDrop;
    } else if (words.first == "prefix") {
      step.kind = ScenarioStep::Kind::kToPrefix;
    } else if (words.first == "suffix") {
      step.kind = ScenarioStep::Kind::kToSuffix;
    } else if (words.first == "simpler") {
      step.kind = ScenarioStep::Kind::kSimpler;
      const std::pair<absl::string_view, absl::string_view> call_candidate =
          absl::StrSplit(number, absl::MaxSplits('.', 1));
      number = call_candidate.first;
      ok = absl::SimpleAtoi(call_candidate.second, &step.candidate) &&
           step.candidate >= 0;
    } else {
      ok = false;
    }
    ok = ok && absl::SimpleAtoi(number, &step.call) && step.call >= 0;
    if (!ok) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cannot read step \"", part,
          "\": each step is \"drop N\", \"prefix N\", \"suffix N\" or "
          "\"simpler N.K\", separated by commas (as a failure prints them)"));
    }
    steps.push_back(step);
  }
  return steps;
}

}  // namespace racelab::share_internal
