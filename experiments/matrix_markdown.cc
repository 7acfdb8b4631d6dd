// experiments/matrix_markdown.cc
//
// The matrix as a person reads it: one table of verdicts, the details per
// cell, the detectors' cost (matrix_report.h).

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "experiments/matrix_report.h"

namespace racelab {
namespace {

std::string Millis(absl::Duration d) {
  if (d == absl::InfiniteDuration()) return "-";
  const double ms = absl::ToDoubleMilliseconds(d);
  return ms < 10      ? absl::StrFormat("%.2f ms", ms)
         : ms < 10000 ? absl::StrFormat("%.0f ms", ms)
                      : absl::StrFormat("%.1f s", ms / 1000);
}

std::string CellText(const MatrixCell& cell) {
  if (!cell.unavailable.empty()) return "unavailable";
  std::string text = cell.verdict;
  if (ExpectsDetection(cell.variant, cell.detector) && cell.detections() > 0 &&
      !cell.measured) {
    absl::StrAppend(&text, ", median ", Millis(cell.MedianTimeToDetection()));
  }
  if (!cell.as_expected) text = absl::StrCat("**", text, "**");
  return text;
}

absl::Duration Lookup(const std::vector<std::pair<Variant, absl::Duration>>& v,
                      Variant variant) {
  for (const auto& [key, value] : v) {
    if (key == variant) return value;
  }
  return absl::InfiniteDuration();
}

// Median over the fixed variants of (detector wall / native wall).
std::string Slowdown(const MatrixResult& result, Detector detector) {
  std::vector<double> ratios;
  const bool valgrind =
      detector == Detector::kHelgrind || detector == Detector::kDrd;
  for (const MatrixCell& cell : result.cells) {
    if (cell.detector != detector || !IsFix(cell.variant) ||
        !cell.unavailable.empty() || cell.runs.empty()) {
      continue;
    }
    const absl::Duration native =
        Lookup(valgrind ? result.native_wall_valgrind_load : result.native_wall,
               cell.variant);
    if (native == absl::InfiniteDuration() || native <= absl::ZeroDuration()) {
      continue;
    }
    ratios.push_back(absl::FDivDuration(cell.MedianWall(), native));
  }
  if (ratios.empty()) return "-";
  std::sort(ratios.begin(), ratios.end());
  return absl::StrFormat("%.1fx", ratios[ratios.size() / 2]);
}

// The title, what ran, and the table of verdicts (variant x detector).
std::string VerdictGrid(const MatrixResult& result) {
  const MatrixOptions& o = result.options;
  std::string md = "# racelab detection matrix\n\n";
  if (!result.complete) {
    md += "**Incomplete: the run was interrupted or is still running.**\n\n";
  }
  absl::StrAppend(
      &md, "Runs per cell: ", o.runs,
      " child processes (static: 1 compile; it is deterministic). Load: ",
      o.threads, " threads x ", o.iterations,
      " requests (under Valgrind: ", o.valgrind_threads, " x ",
      o.valgrind_iterations,
      "), threads released together. Time limit per child: ",
      absl::FormatDuration(o.timeout), ".",
      o.buggy_schedule.empty()
          ? " The buggy variant runs the plain hammer: whether its threads "
            "overlap, and whether the race kills the process before a "
            "detector speaks, is up to the scheduler, so its cells are "
            "measured rates, not checks."
          : absl::StrCat(" The buggy variant runs the forced ",
                         o.buggy_schedule,
                         " interleaving (2 threads, one request each): a "
                         "liveness check, every run must be detected. The "
                         "history check runs MayShare's own scenarios, "
                         "which the forced interleaving does not steer: "
                         "its cells on the buggy variants are measured "
                         "rates, not checks."),
      o.tsan_options_env.empty()
          ? ""
          : absl::StrCat(" TSAN_OPTIONS: `", o.tsan_options_env, "`."),
      "\n\n| variant |");
  for (Detector d : o.detectors)
    absl::StrAppend(&md, " ", DetectorName(d), " |");
  md += "\n|---|";
  for (size_t i = 0; i < o.detectors.size(); ++i) md += "---|";
  md += "\n";
  std::map<std::pair<int, int>, const MatrixCell*> by_key;
  for (const MatrixCell& cell : result.cells) {
    by_key[{static_cast<int>(cell.variant), static_cast<int>(cell.detector)}] =
        &cell;
  }
  for (Variant v : o.variants) {
    absl::StrAppend(&md, "| ", VariantName(v), " |");
    for (Detector d : o.detectors) {
      auto it = by_key.find({static_cast<int>(v), static_cast<int>(d)});
      absl::StrAppend(
          &md, " ",
          it == by_key.end() ? "(not run yet)" : CellText(*it->second), " |");
    }
    md += "\n";
  }
  return md;
}

// How each detector caught the buggy variant, run by run.
std::string HowCaught(const MatrixResult& result) {
  std::string md;
  md +=
      "\n## How the buggy variant was caught\n\n| detector | detected | "
      "outcomes (every run, by evidence) | median time from hammer start | "
      "first detection |\n|---|---:|---|---:|---|\n";
  for (const MatrixCell& cell : result.cells) {
    if (cell.variant != Variant::kSharedUnsafe) continue;
    std::string how = "-";
    for (const MatrixRun& run : cell.runs) {
      if (run.detected) {
        how = run.how;
        break;
      }
    }
    absl::StrAppend(&md, "| ", DetectorName(cell.detector), " | ",
                    cell.unavailable.empty()
                        ? absl::StrCat(cell.detections(), "/", cell.runs.size())
                        : "unavailable",
                    " | ", cell.unavailable.empty() ? cell.OutcomeSplit() : "-",
                    " | ", Millis(cell.MedianTimeToDetection()), " | `", how,
                    "` |\n");
  }
  return md;
}

// The tempting wrong fix: which detector flagged it (none should).
std::string WrongFixSeen(const MatrixResult& result) {
  bool any_race_condition = false;
  for (const MatrixCell& cell : result.cells) {
    any_race_condition |= KindOf(cell.variant) == VariantKind::kRaceCondition;
  }
  if (!any_race_condition) return "";
  std::string md =
      "\n## The tempting wrong fix (locked_fields): who saw it\n\n"
      "Every field of the one shared client locked, the request not: no "
      "data race, so every data-race detector must stay silent, and the "
      "results are still wrong, which only the audit (and racelab's "
      "history check, docs/own-class.md) can see.\n\n"
      "| detector | flagged | outcomes (every run, by evidence) | "
      "verdict |\n|---|---:|---|---|\n";
  for (const MatrixCell& cell : result.cells) {
    if (KindOf(cell.variant) != VariantKind::kRaceCondition) continue;
    absl::StrAppend(&md, "| ", DetectorName(cell.detector), " | ",
                    cell.unavailable.empty()
                        ? absl::StrCat(cell.detections(), "/", cell.runs.size())
                        : "unavailable",
                    " | ", cell.unavailable.empty() ? cell.OutcomeSplit() : "-",
                    " | ", CellText(cell), " |\n");
  }
  return md;
}

// Each detector's median wall on the fixes, against native.
std::string CostOfWatching(const MatrixResult& result) {
  const MatrixOptions& o = result.options;
  std::string md;
  md +=
      "\n## The cost of watching (the fixes, which run to completion)\n\n"
      "| detector | median wall per run | slowdown vs native |\n"
      "|---|---:|---:|\n";
  for (Detector d : o.detectors) {
    if (d == Detector::kStatic) continue;
    std::vector<absl::Duration> walls;
    for (const MatrixCell& cell : result.cells) {
      if (cell.detector == d && IsFix(cell.variant) &&
          cell.unavailable.empty() && !cell.runs.empty()) {
        walls.push_back(cell.MedianWall());
      }
    }
    std::sort(walls.begin(), walls.end());
    absl::StrAppend(
        &md, "| ", DetectorName(d), " | ",
        walls.empty() ? "-" : Millis(walls[walls.size() / 2]), " | ",
        d == Detector::kAudit ? "1.0x (native)" : Slowdown(result, d), " |\n");
  }
  return md;
}

// The cells that could not run here: never a pass.
std::string UnavailableHere(const MatrixResult& result) {
  std::string md;
  std::vector<std::string> unavailable;
  for (const MatrixCell& cell : result.cells) {
    if (!cell.unavailable.empty()) {
      unavailable.push_back(absl::StrCat(DetectorName(cell.detector), " (",
                                         VariantName(cell.variant),
                                         "): ", cell.unavailable));
    }
  }
  if (!unavailable.empty()) {
    absl::StrAppend(&md, "\n## Unavailable here (NOT a pass)\n\n- ",
                    absl::StrJoin(unavailable, "\n- "), "\n");
  }
  return md;
}

// The key: what each verdict and evidence means.
std::string ReadingIt(const MatrixResult& result) {
  std::string md;
  const std::string buggy_static_source =
      result.options.StaticSourceFor(Variant::kSharedUnsafe);
  absl::StrAppend(
      &md,
      "\n## Reading it\n\n"
      "- `detected N/N`: every run of the buggy variant was caught (a "
      "liveness check); `measured: D/N detected (split)`: the plain "
      "hammer's rate, never pass/fail; `clean N/N`: no run of a fix was "
      "flagged and every one ended cleanly; `silent N/N`: no run of the "
      "tempting wrong fix was flagged by a data-race detector (it has no "
      "data race). Bold cells are not as expected.\n"
      "- Every run is classified by what the tools printed, not by its exit "
      "code: `tsan_report` (a ThreadSanitizer report), `guard_report`, "
      "`valgrind_report`, `static_report`, `tsan_crash` (the program died "
      "under TSan before any report: TSan's SEGV handler or a TSan CHECK; it "
      "exits 66 like a report), `abort`, `crash`, `hang`, `wrong_results`, "
      "`failed_exit`, `clean`.\n"
      "- A run counts as detected only when the detector itself spoke. A "
      "`tsan_crash`, `abort` or `crash` under a detector is evidence of the "
      "bug, NOT of a live detector.\n"
      "- tsan: a ThreadSanitizer report. guard: the Go-style map "
      "guard's `fatal error: concurrent map ...`. audit: nothing watching; "
      "detected means any damage: wrong results, a crash, an abort or a "
      "hang, timed at the first wrong result or the end. helgrind/drd: a "
      "Valgrind report. static: clang -Wthread-safety on the source each "
      "exhibit declares (racelab_static_check_source in its CMakeLists.txt); "
      "the buggy client declares nothing to check, so its entry is the "
      "client with its state annotated and the lock forgotten",
      buggy_static_source.empty()
          ? ""
          : absl::StrCat(" (", buggy_static_source, ")"),
      ".\n"
      "- Times are from the hammer's release of its threads (CLOCK_MONOTONIC, "
      "shared with the child) to the first detection.\n");
  return md;
}

}  // namespace

std::string MatrixMarkdown(const MatrixResult& result) {
  return absl::StrCat(VerdictGrid(result), HowCaught(result),
                      WrongFixSeen(result), CostOfWatching(result),
                      UnavailableHere(result), ReadingIt(result));
}

}  // namespace racelab
