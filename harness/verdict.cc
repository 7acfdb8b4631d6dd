// harness/verdict.cc

#include "harness/verdict.h"

#include <cstdio>
#include <filesystem>
#include <vector>

#include "absl/base/config.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "harness/atomic_file.h"
#include "harness/child_process.h"
#include "harness/interrupt.h"
#include "harness/tsan_report.h"

namespace racelab {
namespace {

constexpr absl::string_view kResultPrefix = "racelab-result ";

// One variant's row in the verdict.
struct VerdictRow {
  Variant variant;
  ChildResult child;
  absl::StatusOr<HammerReport> report = absl::NotFoundError("not run");
  TsanReportSummary tsan;
  bool as_expected = false;
  std::string verdict;
};

void Judge(VerdictRow& row) {
  const bool finished = row.child.exited && row.child.exit_code == 0;
  const int64_t wrong = row.report.ok() ? row.report->wrong() : -1;
  if (row.variant == Variant::kSharedUnsafe) {
    if (row.tsan.reports > 0) {
      row.as_expected = true;
      row.verdict = row.tsan.names_seed_race
                        ? "RACE REPORTED (expected): DeepCopy/SetParams"
                    : row.tsan.names_shared_client_state
                        ? "RACE REPORTED (expected): the shared HttpApp's state"
                        : "RACE REPORTED (expected)";
    } else if (!IsTsanBuild()) {
      // Without TSan the race shows only by luck: crash or wrong data.
      row.as_expected = true;
      row.verdict = !finished ? "CRASHED: the race, with nothing watching"
                    : wrong > 0
                        ? "WRONG RESULTS: the race, with nothing watching"
                        : "no symptom this run (luck, not safety)";
    } else {
      row.verdict = "NOT REPORTED: TSan instrumentation lost?";
    }
    return;
  }
  row.as_expected = finished && row.tsan.reports == 0 && wrong == 0;
  row.verdict = row.as_expected ? "clean"
                : row.tsan.reports > 0
                    ? "FAILED: TSan report"
                    : absl::StrCat("FAILED: ", row.child.Describe(), ", ",
                                   wrong, " wrong");
}

std::string Cell(const absl::StatusOr<HammerReport>& report,
                 int64_t (*field)(const HammerReport&)) {
  return report.ok() ? absl::StrCat(field(*report)) : "-";
}

std::string RenderMarkdown(const VerdictOptions& options,
                           const std::vector<VerdictRow>& rows, bool done) {
  std::string md = absl::StrCat(
      "# racelab verdict\n\n",
      done ? "" : "**Incomplete: the run was interrupted or is running.**\n\n",
      "Build: ", IsTsanBuild() ? "ThreadSanitizer" : "no sanitizer",
      ". Load: ", options.threads, " threads x ", options.iterations,
      " requests each, released together, per variant, each variant in its "
      "own child process.\n\n",
      "| variant | requests | wrong outcomes | TSan reports | process end | "
      "verdict |\n|---|---:|---:|---:|---|---|\n");
  for (const VerdictRow& row : rows) {
    absl::StrAppend(
        &md, "| ", VariantName(row.variant), " | ",
        Cell(row.report, [](const HammerReport& r) { return r.requests; }),
        " | ",
        Cell(row.report, [](const HammerReport& r) { return r.wrong(); }),
        " | ", IsTsanBuild() ? absl::StrCat(row.tsan.reports) : "n/a", " | ",
        row.child.Describe(), " | ", row.verdict, " |\n");
  }
  absl::StrAppend(
      &md,
      "\nHow to read it: `-` means the process ended before it could count "
      "its requests. Under TSan, halt_on_error stops at the first report "
      "with exit 66, so one report is all there is. Without a sanitizer the "
      "race is undefined behaviour: signal 4 (SIGILL) is abseil's hardened "
      "hash table trapping on a corrupted table, signal 11 (SIGSEGV) and 6 "
      "(SIGABRT) are the usual crashes, and a clean exit can still carry "
      "wrong outcomes (another caller's item, a rejected sign, drained "
      "parameters). A fix is `clean` only with zero reports and zero wrong "
      "outcomes.\n");
  for (const VerdictRow& row : rows) {
    if (row.tsan.key_lines.empty()) continue;
    absl::StrAppend(&md, "\n## ", VariantName(row.variant),
                    ": the ThreadSanitizer report, key lines\n\n```\n");
    for (const std::string& line : row.tsan.key_lines) {
      absl::StrAppend(&md, line, "\n");
    }
    absl::StrAppend(&md, "```\n");
  }
  for (const VerdictRow& row : rows) {
    if (!row.report.ok() || row.report->examples.empty()) continue;
    absl::StrAppend(&md, "\n## ", VariantName(row.variant),
                    ": first wrong outcomes\n\n");
    for (const std::string& example : row.report->examples) {
      absl::StrAppend(&md, "- ", example, "\n");
    }
  }
  return md;
}

}  // namespace

bool IsTsanBuild() {
#ifdef ABSL_HAVE_THREAD_SANITIZER
  return true;
#else
  return false;
#endif
}

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

absl::StatusOr<HammerReport> ParseHammerResultLine(
    absl::string_view stdout_text) {
  for (absl::string_view line : absl::StrSplit(stdout_text, '\n')) {
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
    return report;
  }
  return absl::NotFoundError("no racelab-result line in the output");
}

int RunVerdict(const VerdictOptions& options) {
  const std::filesystem::path report_path =
      std::filesystem::path(options.out_dir) / options.report_name;
  std::vector<VerdictRow> rows;
  InterruptScope interrupt_scope;
  int index = 0;
  for (Variant variant : kAllVariants) {
    std::fprintf(stderr, "[%d/%zu] %s: %d threads x %lld requests ...\n",
                 ++index, kAllVariants.size(),
                 std::string(VariantName(variant)).c_str(), options.threads,
                 static_cast<long long>(options.iterations));
    VerdictRow row{variant, {}, absl::NotFoundError("not run"), {}, false, ""};
    absl::StatusOr<ChildResult> child =
        RunChild({options.tool_path, "hammer",
                  absl::StrCat("--variant=", VariantName(variant)),
                  absl::StrCat("--threads=", options.threads),
                  absl::StrCat("--iterations=", options.iterations)},
                 options.timeout, &InterruptScope::Interrupted());
    if (!child.ok()) {
      std::fprintf(stderr, "racelab: %s\n", child.status().ToString().c_str());
      return 2;
    }
    if (child->cancelled) {
      std::fprintf(stderr,
                   "racelab: interrupted; the report keeps the %zu finished "
                   "variant(s): %s\n",
                   rows.size(), report_path.c_str());
      return kExitInterrupted;
    }
    row.child = *std::move(child);
    row.report = ParseHammerResultLine(row.child.stdout_text);
    if (row.report.ok()) {
      // The examples are printed above the result line, one per line.
      for (absl::string_view line :
           absl::StrSplit(row.child.stdout_text, '\n')) {
        if (absl::ConsumePrefix(&line, "  example ")) {
          row.report->examples.emplace_back(line);
        }
      }
    }
    row.tsan = SummarizeTsanOutput(row.child.stderr_text);
    Judge(row);
    std::fprintf(stderr, "      %s (%s, %s)\n", row.verdict.c_str(),
                 row.child.Describe().c_str(),
                 absl::FormatDuration(row.child.wall).c_str());
    rows.push_back(std::move(row));
    if (absl::Status written = WriteFileAtomically(
            report_path.string(), RenderMarkdown(options, rows, false));
        !written.ok()) {
      std::fprintf(stderr, "racelab: %s\n", written.ToString().c_str());
      return 2;
    }
  }
  const std::string markdown = RenderMarkdown(options, rows, true);
  if (absl::Status written =
          WriteFileAtomically(report_path.string(), markdown);
      !written.ok()) {
    std::fprintf(stderr, "racelab: %s\n", written.ToString().c_str());
    return 2;
  }
  std::fputs(markdown.c_str(), stdout);
  std::fprintf(stdout, "\nReport written to %s\n", report_path.c_str());
  bool all_as_expected = true;
  for (const VerdictRow& row : rows) all_as_expected &= row.as_expected;
  return all_as_expected ? 0 : 1;
}

}  // namespace racelab
