// experiments/verdict_markdown.cc
//
// The verdict as a person reads it: one table of rows, how to read it, and
// TSan's key lines and the first wrong outcomes per row
// (verdict_report.h).

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/build_info.h"
#include "experiments/verdict_report.h"

namespace racelab {
namespace {

std::string Cell(const absl::StatusOr<HammerReport>& report,
                 int64_t (*field)(const HammerReport&)) {
  return report.ok() ? absl::StrCat(field(*report)) : "-";
}

// The verdict's key: what each role checks, in this build.
std::string HowToRead() {
  return absl::StrCat(
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
}

}  // namespace

std::string VerdictMarkdown(const VerdictOptions& options,
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
  absl::StrAppend(&md, HowToRead());
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

}  // namespace racelab
