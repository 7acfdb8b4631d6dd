// experiments/verdict.cc

#include "experiments/verdict.h"

#include <cstdio>
#include <filesystem>
#include <vector>

#include "absl/base/config.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/atomic_file.h"
#include "base/child_process.h"
#include "base/interrupt.h"
#include "detectors/evidence.h"
#include "detectors/tsan_report.h"
#include "experiments/child_log.h"
#include "nlohmann/json.hpp"

namespace racelab {
namespace {

// One child process's row in the verdict.
struct VerdictRow {
  Variant variant = Variant::kSharedUnsafe;
  VerdictRole role = VerdictRole::kFix;
  std::string load;  // "forced seed (spin)", "8 x 2000"
  std::vector<std::string> argv;
  ChildResult child;
  absl::StatusOr<HammerReport> report = absl::NotFoundError("not run");
  TsanReportSummary tsan;
  Evidence evidence;
  bool as_expected = false;
  std::string verdict;
  std::string log;  // the raw output, relative to the out dir
};

// The liveness row's forcing: spin keeps TSan able to see the race; mutex
// is race-free and deterministic, for a build where nothing watches.
absl::string_view LivenessForcing() { return IsTsanBuild() ? "spin" : "mutex"; }

std::vector<VerdictRow> PlanRows(const VerdictOptions& options) {
  std::vector<VerdictRow> rows;
  const std::string plain_load =
      absl::StrCat(options.threads, " x ", options.iterations);
  auto hammer = [&](Variant variant, VerdictRole role) {
    VerdictRow row;
    row.variant = variant;
    row.role = role;
    row.argv = {options.tool_path, "hammer",
                absl::StrCat("--variant=", VariantName(variant))};
    if (role == VerdictRole::kLiveness || role == VerdictRole::kRaceCondition) {
      row.load = absl::StrCat("forced seed (", LivenessForcing(), ")");
      row.argv.insert(row.argv.end(),
                      {"--threads=2", "--iterations=1", "--schedule=seed",
                       absl::StrCat("--forcing=", LivenessForcing())});
    } else {
      row.load = plain_load;
      row.argv.insert(row.argv.end(),
                      {absl::StrCat("--threads=", options.threads),
                       absl::StrCat("--iterations=", options.iterations)});
    }
    row.argv.insert(row.argv.end(), options.child_args.begin(),
                    options.child_args.end());
    rows.push_back(std::move(row));
  };
  hammer(Variant::kSharedUnsafe, VerdictRole::kLiveness);
  hammer(Variant::kSharedUnsafe, VerdictRole::kStress);
  hammer(Variant::kLockedFields, VerdictRole::kRaceCondition);
  for (Variant variant : kFixedVariants) hammer(variant, VerdictRole::kFix);
  return rows;
}

void Judge(VerdictRow& row) {
  const VerdictJudgement judged = JudgeVerdictRow(
      row.role, IsTsanBuild(), row.evidence, row.tsan.names_seed_race);
  row.as_expected = judged.as_expected;
  row.verdict = judged.verdict;
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
      ". Plain load: ", options.threads, " threads x ", options.iterations,
      " requests each, released together. Transport: ",
      options.child_args.empty()
          ? std::string("the in-process router double")
          : absl::StrCat("`", absl::StrJoin(options.child_args, " "),
                         "` (each child starts its own loopback server)"),
      ". Every row is its own child process, judged by what it printed.\n\n",
      "| variant | role | load | requests | wrong outcomes | process end | "
      "evidence | verdict |\n|---|---|---|---:|---:|---|---|---|\n");
  for (const VerdictRow& row : rows) {
    absl::StrAppend(
        &md, "| ", VariantName(row.variant), " | ", VerdictRoleName(row.role),
        " | ", row.load, " | ",
        Cell(row.report, [](const HammerReport& r) { return r.requests; }),
        " | ",
        Cell(row.report, [](const HammerReport& r) { return r.wrong(); }),
        " | ", row.child.Describe(), " | ", EvidenceKindName(row.evidence.kind),
        " | ", row.verdict, " |\n");
  }
  absl::StrAppend(
      &md,
      "\nHow to read it:\n\n"
      "- **liveness** is the CI check that the detector is alive: the "
      "seed's interleaving, forced on two threads with one request each. ",
      IsTsanBuild()
          ? "Spin forcing adds no happens-before, so TSan must report the "
            "data race in DeepCopy/SetParams, and does on every run. A TSan "
            "crash here would prove the bug, not the detector, and fails it."
          : "Mutex forcing is race-free and deterministic: the seed's "
            "damage (one request mixed up, one drained) on every run.",
      "\n- **stress** is the buggy client under the plain load. It is "
      "measured, never pass/fail: ",
      IsTsanBuild()
          ? "TSan usually reports (`tsan_report`), but the race can corrupt "
            "the hash table and kill the process first: `tsan_crash` (TSan's "
            "own SEGV handler or CHECK, exit 66 like a report, but no "
            "report), `abort` or `crash`. Those are evidence of the bug, not "
            "of a live detector. `racelab matrix` and docs/detection.md give "
            "the measured rates."
          : "the race is undefined behaviour: `crash` with signal 4 "
            "(SIGILL, abseil's hardened hash table trapping a corrupted "
            "table), 11 (SIGSEGV) or 6 (SIGABRT), or `wrong_results` (another "
            "caller's item, a rejected sign, drained parameters), or by luck "
            "nothing.",
      "\n- **race_condition** is the tempting wrong fix (`locked_fields`: "
      "every field of the one shared client locked), forced into the seed's "
      "interleaving between its locked steps: it must give wrong results "
      "(another caller's item, a request sent with no parameters) with no "
      "data race reported, since there is none. ",
      IsTsanBuild() ? "ThreadSanitizer is silent on it by design."
                    : "Nothing watches in this build; TSan's silence is "
                      "shown by the tsan build's verdict and the matrix.",
      "\n- **fix**: `clean` only with zero reports, zero wrong outcomes and "
      "exit 0.\n- `-` means the process ended before it could count its "
      "requests.\n");
  for (const VerdictRow& row : rows) {
    if (row.tsan.key_lines.empty()) continue;
    absl::StrAppend(&md, "\n## ", VariantName(row.variant), " (",
                    VerdictRoleName(row.role),
                    "): the ThreadSanitizer output, key lines\n\n```\n");
    for (const std::string& line : row.tsan.key_lines) {
      absl::StrAppend(&md, line, "\n");
    }
    absl::StrAppend(&md, "```\n");
  }
  for (const VerdictRow& row : rows) {
    if (!row.report.ok() || row.report->examples.empty()) continue;
    absl::StrAppend(&md, "\n## ", VariantName(row.variant), " (",
                    VerdictRoleName(row.role), "): first wrong outcomes\n\n");
    for (const std::string& example : row.report->examples) {
      absl::StrAppend(&md, "- ", example, "\n");
    }
  }
  return md;
}

// The same rows as data (report.json and the HTML report read it), with
// the path of each child's raw output under the out dir.
std::string RenderJson(const VerdictOptions& options,
                       const std::vector<VerdictRow>& rows, bool done) {
  using nlohmann::json;
  json out = {{"complete", done},
              {"build", IsTsanBuild() ? "tsan" : "native"},
              {"threads", options.threads},
              {"iterations", options.iterations},
              {"rows", json::array()}};
  for (const VerdictRow& row : rows) {
    json j = {{"variant", VariantName(row.variant)},
              {"role", VerdictRoleName(row.role)},
              {"load", row.load},
              {"process_end", row.child.Describe()},
              {"evidence", EvidenceKindName(row.evidence.kind)},
              {"how", row.evidence.how},
              {"verdict", row.verdict},
              {"as_expected", row.as_expected},
              {"wall_ms", absl::ToDoubleMilliseconds(row.child.wall)},
              {"tsan_key_lines", row.tsan.key_lines},
              {"log", row.log}};
    if (row.child.marker_ns > 0) {
      j["time_to_report_ms"] =
          (row.child.marker_ns - row.child.started_ns) / 1e6;
    }
    if (row.report.ok()) {
      j["requests"] = row.report->requests;
      j["wrong"] = row.report->wrong();
      j["examples"] = row.report->examples;
    }
    out["rows"].push_back(std::move(j));
  }
  return out.dump(2) + "\n";
}

// Keeps a child's raw output: <out>/logs/<report stem>/<variant>-<role>.log
// (stderr, then stdout). Returns the path relative to the out dir.
absl::StatusOr<std::string> WriteRowLog(const VerdictOptions& options,
                                        const VerdictRow& row) {
  const std::string stem =
      std::filesystem::path(options.report_name).stem().string();
  return KeepChildLog(options.out_dir,
                      absl::StrCat("logs/", stem, "/", VariantName(row.variant),
                                   "-", VerdictRoleName(row.role), ".log"),
                      row.argv, row.child);
}

std::string JsonPath(const std::string& report_path) {
  return std::filesystem::path(report_path).replace_extension(".json");
}

absl::Status WriteReports(const VerdictOptions& options,
                          const std::string& report_path,
                          const std::vector<VerdictRow>& rows, bool done,
                          std::string* markdown) {
  *markdown = RenderMarkdown(options, rows, done);
  if (absl::Status s = WriteFileAtomically(report_path, *markdown); !s.ok()) {
    return s;
  }
  return WriteFileAtomically(JsonPath(report_path),
                             RenderJson(options, rows, done));
}

}  // namespace

VerdictJudgement JudgeVerdictRow(VerdictRole role, bool tsan_build,
                                 const Evidence& e, bool names_seed_race) {
  VerdictJudgement row;
  switch (role) {
    case VerdictRole::kLiveness:
      if (tsan_build) {
        // The forced seed must be REPORTED: a crash would prove the bug,
        // not the detector.
        row.as_expected = e.kind == EvidenceKind::kTsanReport &&
                          e.report_kind == "data race" && names_seed_race;
        row.verdict = row.as_expected
                          ? "DETECTOR ALIVE: TSan reported the seed's race "
                            "(DeepCopy/SetParams)"
                          : absl::StrCat("NOT AS EXPECTED: ", e.how,
                                         " (TSan must report the forced seed "
                                         "race in DeepCopy/SetParams)");
      } else {
        row.as_expected = e.kind == EvidenceKind::kWrongResults;
        row.verdict =
            row.as_expected
                ? absl::StrCat("BUG SHOWN: ", e.how,
                               " (the seed's damage, forced)")
                : absl::StrCat("NOT AS EXPECTED: ", e.how,
                               " (the forced seed must give wrong results)");
      }
      return row;
    case VerdictRole::kStress:
      // Measured, never pass/fail (verdict.h).
      row.as_expected = true;
      row.verdict = absl::StrCat(
          "measured: ", e.how,
          ProvesDetectorAlive(e.kind) ? ""
          : ShowsTheBug(e.kind)
              ? tsan_build ? " (evidence of the bug, NOT of a live detector)"
                           : " (the race, with nothing watching)"
              : " (no symptom this run: luck, not safety)");
      return row;
    case VerdictRole::kRaceCondition:
      // Every access is locked: a TSan report would be a data race the
      // exhibit should not have; a crash, damage it cannot do. Only wrong
      // results are the race condition.
      row.as_expected = e.kind == EvidenceKind::kWrongResults;
      row.verdict =
          row.as_expected
              ? absl::StrCat("RACE CONDITION SHOWN: ", e.how,
                             tsan_build ? "; ThreadSanitizer silent (no data "
                                          "race: every access is locked)"
                                        : "")
              : absl::StrCat("NOT AS EXPECTED: ", e.how,
                             " (the forced interleaving must give wrong "
                             "results and no data-race report)");
      return row;
    case VerdictRole::kFix:
      row.as_expected = e.kind == EvidenceKind::kClean;
      row.verdict = row.as_expected ? "clean" : absl::StrCat("FAILED: ", e.how);
      return row;
  }
  return row;
}

absl::StatusOr<VerdictResult> RunVerdict(const VerdictOptions& options) {
  VerdictResult result;
  result.report_path =
      (std::filesystem::path(options.out_dir) / options.report_name).string();
  std::vector<VerdictRow> planned = PlanRows(options);
  std::vector<VerdictRow> rows;
  InterruptScope interrupt_scope;
  int index = 0;
  for (VerdictRow& row : planned) {
    std::fprintf(stderr, "[%d/%zu] %s (%s): %s ...\n", ++index, planned.size(),
                 std::string(VariantName(row.variant)).c_str(),
                 std::string(VerdictRoleName(row.role)).c_str(),
                 row.load.c_str());
    absl::StatusOr<ChildResult> child =
        RunChild(row.argv, options.timeout, &InterruptScope::Interrupted(),
                 "WARNING: ThreadSanitizer:");
    if (!child.ok()) return child.status();
    if (child->cancelled) {
      std::fprintf(stderr,
                   "racelab: interrupted; the report keeps the %zu finished "
                   "row(s): %s\n",
                   rows.size(), result.report_path.c_str());
      result.interrupted = true;
      if (absl::Status s = WriteReports(options, result.report_path, rows,
                                        false, &result.markdown);
          !s.ok()) {
        return s;
      }
      return result;
    }
    row.child = *std::move(child);
    row.report = ParseHammerResultLine(row.child.stdout_text);
    ResultCounts results;
    if (row.report.ok()) results = {row.report->requests, row.report->wrong()};
    row.tsan = SummarizeTsanOutput(row.child.stderr_text);
    row.evidence = ClassifyRun(row.child, results);
    Judge(row);
    absl::StatusOr<std::string> log = WriteRowLog(options, row);
    if (!log.ok()) return log.status();
    row.log = *log;
    std::fprintf(stderr, "      %s (%s, %s)\n", row.verdict.c_str(),
                 row.child.Describe().c_str(),
                 absl::FormatDuration(row.child.wall).c_str());
    rows.push_back(std::move(row));
    std::string partial;
    if (absl::Status s =
            WriteReports(options, result.report_path, rows, false, &partial);
        !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = WriteReports(options, result.report_path, rows, true,
                                    &result.markdown);
      !s.ok()) {
    return s;
  }
  result.as_expected = true;
  for (const VerdictRow& row : rows) result.as_expected &= row.as_expected;
  return result;
}

}  // namespace racelab
