// variants/result_line.cc

#include "variants/result_line.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace racelab {
namespace {

constexpr absl::string_view kResultPrefix = "racelab-result ";
constexpr absl::string_view kExamplePrefix = "  example ";

}  // namespace

std::string HammerResultLine(Variant variant, const HammerReport& report) {
  std::string line =
      absl::StrCat(kResultPrefix, "variant=", VariantName(variant),
                   " requests=", report.requests);
  for (Outcome outcome : kAllOutcomes) {
    absl::StrAppend(&line, " ", OutcomeName(outcome), "=",
                    report.count(outcome));
  }
  absl::StrAppend(&line, " wall_us=", absl::ToInt64Microseconds(report.wall));
  return line;
}

std::string HammerResultBlock(Variant variant, const HammerReport& report) {
  std::string block;
  for (const std::string& example : report.examples) {
    absl::StrAppend(&block, kExamplePrefix, example, "\n");
  }
  absl::StrAppend(&block, HammerResultLine(variant, report), "\n");
  return block;
}

absl::StatusOr<HammerReport> ParseHammerResultLine(
    absl::string_view stdout_text) {
  std::vector<std::string> examples;
  for (absl::string_view line : absl::StrSplit(stdout_text, '\n')) {
    if (absl::ConsumePrefix(&line, kExamplePrefix)) {
      examples.emplace_back(line);
      continue;
    }
    if (!absl::ConsumePrefix(&line, kResultPrefix)) continue;
    HammerReport report;
    for (absl::string_view field :
         absl::StrSplit(line, ' ', absl::SkipEmpty())) {
      std::pair<absl::string_view, absl::string_view> kv =
          absl::StrSplit(field, absl::MaxSplits('=', 1));
      int64_t value = 0;
      if (kv.first == "variant") continue;
      if (!absl::SimpleAtoi(kv.second, &value)) {
        return absl::InvalidArgumentError(
            absl::StrCat("bad field in result line: ", field));
      }
      if (kv.first == "requests") report.requests = value;
      if (kv.first == "wall_us") report.wall = absl::Microseconds(value);
      for (Outcome outcome : kAllOutcomes) {
        if (kv.first == OutcomeName(outcome)) {
          report.counts[static_cast<int>(outcome)] = value;
        }
      }
    }
    report.examples = std::move(examples);
    return report;
  }
  return absl::NotFoundError("no racelab-result line in the output");
}

}  // namespace racelab
