"""Unit tests of the report (scripts/report): its sections, the SARIF
races, the statistics, the atomic replacement of the report directory, and
the whole command on a small out dir."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

from racelab_tools import common
from racelab_tools import document as report_doc
from racelab_tools import sarif as report_sarif
from racelab_tools import stats as report_stats
from racelab_tools.lab import steps as lab_check
from racelab_tools.report import race_conditions as report_race_conditions
from racelab_tools.report import overall as report_overall
from racelab_tools.report import teaching as report_teaching

ROOT = common.ROOT
REPORT = os.path.join(ROOT, "scripts", "report")


def line_of(path, text):
    with open(os.path.join(ROOT, path)) as f:
        for number, line in enumerate(f, 1):
            if text in line:
                return number
    raise AssertionError(f"{text!r} not in {path}")


# A TSan report as the runtime prints it, on two real lines of repro/.
SET_LINE = line_of("repro/params.cc", "void Params::Set")
COPY_LINE = line_of("repro/params.cc", "ParamMap Params::DeepCopy")
TSAN_LOG = f"""==================
WARNING: ThreadSanitizer: data race (pid=4242)
  Write of size 8 at 0x7b5400000118 by thread T2:
    #0 absl::raw_hash_set<...>::insert() /usr/include/absl/container/internal/raw_hash_set.h:1:1 (racelab+0x1)
    #1 racelab::repro::Params::Set(std::string, std::string) {ROOT}/repro/params.cc:{SET_LINE}:8 (racelab+0x2)
    #2 racelab::repro::HttpApp::SetParams(...) {ROOT}/repro/http_app.cc:1:3 (racelab+0x3)

  Previous read of size 8 at 0x7b5400000118 by thread T3:
    #0 racelab::repro::Params::DeepCopy() {ROOT}/repro/params.cc:{COPY_LINE}:5 (racelab+0x4)

  Location is heap block of size 64 at 0x7b5400000100 allocated by main thread:
    #0 operator new {ROOT}/repro/pdd_client.cc:1:1 (racelab+0x5)

SUMMARY: ThreadSanitizer: data race {ROOT}/repro/params.cc:{SET_LINE}:8 in Set
==================
"""


class HistoryCheckSectionTest(unittest.TestCase):
    class Inputs:
        """Stored runs per suite file: {"history-rate.json": runs, ...}."""

        def __init__(self, stored):
            self.stored = stored

        def history_rate(self, name="history-rate.json"):
            return self.stored.get(name, {})

    @staticmethod
    def run_of(build, caught, runs, load="idle", resumed=False):
        test = "HistoryCheckTest.SplitTicketDispenserIsNotLinearizable"
        run = {"setting": {"suite": "history", "build": build, "jobs": 1,
                           "load": load, "date": "2026-12-06",
                           "first_seed": 1},
               "commit": "abc123",
               "command": "scripts/share-rate --suite history",
               "machine": "2 CPUs (x)", "minutes": 3.5,
               "results": {test: {"expected": "reported", "racelab": {
                   "runs": runs, "passed": caught, "median_s": 0.15,
                   "p99_s": 0.2, "misses": []}}}}
        if resumed:
            run["resumed"] = True
        return run

    def test_one_column_per_stored_run_idle_before_loaded(self):
        doc = report_doc.Document("t")
        report_race_conditions.history_check(doc, self.Inputs({
            "history-rate.json": {
                "tsan-j1": self.run_of("tsan", 999, 1000),
                "default-j1-loaded": self.run_of("default", 1000, 1000,
                                                 load="loaded"),
                "default-j1": self.run_of("default", 1000, 1000)}}))
        markdown = doc.to_markdown()
        self.assertIn("| exhibit | default-j1 | default-j1-loaded | tsan-j1 |",
                      markdown)
        self.assertIn("| SplitTicketDispenserIsNotLinearizable | "
                      "1000/1000 (0.15 s) | 1000/1000 (0.15 s) | "
                      "999/1000 (0.15 s) |", markdown)
        self.assertIn("default-j1-loaded: 2026-12-06, 3.5 min, beside four "
                      "busy processes, commit abc123, seeds from 1", markdown)
        self.assertIn("racy 999/1,000 caught", markdown)
        # Only the suites stored get a table.
        self.assertIn("pthread (std::mutex) unlock", markdown)
        self.assertNotIn("LockTypesTest", markdown)

    def test_each_suite_gets_its_table(self):
        doc = report_doc.Document("t")
        report_race_conditions.history_check(doc, self.Inputs({
            "history-rate.json": {"default-j1": self.run_of("default", 1, 1)},
            "lock-types-rate.json": {"tsan-j1": self.run_of("tsan", 1, 1)}}))
        markdown = doc.to_markdown()
        self.assertIn("| exhibit | default-j1 |", markdown)
        self.assertIn("| exhibit | tsan-j1 |", markdown)
        self.assertIn("LockTypesTest", markdown)

    def test_a_resumed_run_says_its_time_is_partial(self):
        doc = report_doc.Document("t")
        report_race_conditions.history_check(doc, self.Inputs({
            "history-rate.json": {
                "tsan-j1": self.run_of("tsan", 1, 1, resumed=True)}}))
        self.assertIn("tsan-j1: 2026-12-06, resumed, 3.5 min in its last "
                      "part", doc.to_markdown())

    def test_nothing_stored_is_said(self):
        doc = report_doc.Document("t")
        report_race_conditions.history_check(doc, self.Inputs({}))
        self.assertIn("No stored measurement", doc.to_markdown())


class TemptingFixSectionTest(unittest.TestCase):
    class Inputs:
        root = ROOT

        def __init__(self, rows, cells):
            self.rows, self.cells = rows, cells

        def verdict_row(self, build, role):
            return self.rows.get((build, role))

        def matrix_summary(self, schedule):
            return self.cells if schedule == "forced" else {}

        def out_link(self, relative):
            return relative

    def test_each_detector_and_the_verdict_are_shown_with_the_diff(self):
        row = {"evidence": "wrong_results", "as_expected": True,
               "verdict": "RACE CONDITION SHOWN: wrong results: 2 of 2",
               "log": "logs/verdict-tsan/locked_fields-race_condition.log"}
        cells = {
            ("locked_fields", "tsan"): {"detections": 0, "runs": 3,
                                        "expects_detection": False,
                                        "outcomes": {"wrong_results": 3}},
            ("locked_fields", "audit"): {"detections": 3, "runs": 3,
                                         "expects_detection": True,
                                         "outcomes": {"wrong_results": 3}},
            ("shared_unsafe", "tsan"): {"detections": 3, "runs": 3}}
        doc = report_doc.Document("t")
        report_race_conditions.tempting_fix(doc, self.Inputs(
            {("tsan", "race_condition"): row}, cells))
        markdown = doc.to_markdown()
        self.assertIn("## The tempting wrong fix", markdown)
        self.assertIn("RACE CONDITION SHOWN", markdown)
        self.assertIn("0/3 flagged (silent: no data race to see)", markdown)
        self.assertIn("3/3 caught", markdown)
        self.assertNotIn("shared_unsafe", markdown)
        self.assertIn("verdict, native build", markdown)  # not run: said
        self.assertIn("repro/locked_fields/http_app.cc", markdown)


class OverallSectionTest(unittest.TestCase):
    """The report's first section names every check that failed."""

    class Inputs:
        def __init__(self, timings=(), verdicts=None, forced=None):
            self.timings = list(timings)
            self.verdicts = verdicts or {}
            self.forced = forced or {}

        def verdict(self, build):
            return self.verdicts.get(build)

        def matrix_summary(self, schedule):
            return self.forced if schedule == "forced" else {}

    @staticmethod
    def cell(measured=False, as_expected=True, available=True,
             verdict="detected 3/3"):
        return {"measured": measured, "as_expected": as_expected,
                "available": available, "verdict": verdict,
                "unavailable_reason": "" if available else "no valgrind"}

    def render(self, inputs, partial=""):
        doc = report_doc.Document("t")
        report_overall.overall(doc, inputs,
                               report_overall.summary(inputs, partial))
        return doc.to_markdown()

    def test_all_as_expected_says_so_first(self):
        inputs = self.Inputs(
            timings=[{"part": "verdict-tsan", "status": "ok", "seconds": 3}],
            verdicts={"tsan": {"rows": [
                {"variant": "locked", "role": "fix", "as_expected": True,
                 "verdict": "CLEAN"},
                {"variant": "shared_unsafe", "role": "stress",
                 "as_expected": False, "verdict": "measured"}]}},
            forced={("shared_unsafe", "tsan"): self.cell(),
                    ("shared_unsafe", "history"): self.cell(
                        measured=True, as_expected=True,
                        verdict="measured: 2/3 detected")})
        self.assertEqual(report_overall.overall_problems(inputs), [])
        markdown = self.render(inputs)
        self.assertIn("## Overall result", markdown)
        self.assertIn("Every check came out as expected", markdown)
        self.assertIn("1 verdict rows and 1 matrix cells checked", markdown)

    def test_each_failure_is_named(self):
        inputs = self.Inputs(
            timings=[{"part": "matrix-forced", "status": "not as expected",
                      "seconds": 90},
                     {"part": "report", "status": "ok", "seconds": 5}],
            verdicts={"native": {"rows": [
                {"variant": "copying", "role": "fix", "as_expected": False,
                 "verdict": "FLAGGED"}]}},
            forced={("shared_unsafe", "guard"): self.cell(
                        as_expected=False, verdict="MISSED: 2/3"),
                    ("locked", "drd"): self.cell(available=False,
                                                 as_expected=False)})
        problems = report_overall.overall_problems(inputs, "interrupted")
        self.assertEqual(problems, [
            "the report is partial: interrupted",
            "part matrix-forced: not as expected "
            "(out/logs/run/matrix-forced.log)",
            "verdict (native build): copying fix: FLAGGED",
            "matrix (forced): shared_unsafe x guard: MISSED: 2/3"])
        markdown = self.render(inputs, "interrupted")
        self.assertIn("NOT AS EXPECTED: 4 check(s) failed", markdown)
        self.assertIn("shared_unsafe x guard: MISSED: 2/3", markdown)
        self.assertIn("locked x drd: no valgrind", markdown)
        # Before anything else of the section.
        self.assertLess(markdown.index("NOT AS EXPECTED"),
                        markdown.index("Not run here"))


class TeachingSectionTest(unittest.TestCase):
    def test_every_lab_step_with_its_command_and_a_link_to_the_lab(self):
        doc = report_doc.Document("t")
        report_teaching.lab(doc, ROOT, os.path.join(ROOT, "report"))
        md = doc.to_markdown()
        self.assertIn("## For students: the lab, step by step", md)
        self.assertIn("[docs/lab.md](../docs/lab.md)", md)
        with open(os.path.join(ROOT, "docs", "lab.md")) as f:
            steps = lab_check.parse(f.read())
        for step in steps:
            self.assertIn(f"| {step.name} | {step.build} |", md)
            self.assertIn(step.name, report_teaching.IN_THIS_REPORT,
                          "a lab step the report does not place")

    def test_no_lab_is_said(self):
        doc = report_doc.Document("t")
        with tempfile.TemporaryDirectory() as root:
            report_teaching.lab(doc, root, root)
        self.assertIn("docs/lab.md could not be read", doc.to_markdown())


class SarifTest(unittest.TestCase):
    def test_a_report_becomes_one_race_at_two_real_lines(self):
        races = report_sarif.collect([("a.log", TSAN_LOG),
                                      ("b.log", TSAN_LOG)], ROOT)
        self.assertEqual(len(races), 1)
        race = races[0]
        self.assertEqual(race["kind"], "data race")
        self.assertEqual(race["count"], 2)
        self.assertEqual(race["logs"], ["a.log", "b.log"])
        self.assertEqual([(l[0], l[1]) for l in race["locations"]],
                         [("repro/params.cc", SET_LINE),
                          ("repro/params.cc", COPY_LINE)])
        sarif = report_sarif.to_sarif(races, "clang 14")
        self.assertEqual(sarif["version"], "2.1.0")
        self.assertEqual(report_sarif.check_locations(sarif, ROOT), [])

    def test_the_same_pair_in_the_other_order_is_the_same_race(self):
        swapped = TSAN_LOG.replace("Write of size", "XX").replace(
            "Previous read of size", "Write of size").replace(
            "XX", "Previous read of size")
        races = report_sarif.collect([("a", TSAN_LOG), ("b", swapped)], ROOT)
        self.assertEqual(len(races), 1)

    def test_a_wrong_location_is_caught(self):
        races = report_sarif.collect([("a", TSAN_LOG)], ROOT)
        sarif = report_sarif.to_sarif(races, "x")
        result = sarif["runs"][0]["results"][0]
        result["locations"][0]["physicalLocation"]["region"][
            "startLine"] = 99999
        self.assertTrue(report_sarif.check_locations(sarif, ROOT))

    def test_stacks_keep_each_access_in_repository_frames(self):
        stacks = report_sarif.stacks(TSAN_LOG, ROOT)
        self.assertEqual(len(stacks), 2)
        self.assertTrue(stacks[0][0].startswith("Write of size 8"))
        self.assertEqual([f[1] for f in stacks[0][1]],
                         ["repro/params.cc", "repro/http_app.cc"])
        self.assertEqual(len(stacks[1][1]), 1)  # not the allocation's frame


class StatsTest(unittest.TestCase):
    def test_runs_for_99_percent_from_the_lower_bound(self):
        self.assertIsNone(report_stats.runs_for_confidence(0))
        self.assertEqual(report_stats.runs_for_confidence(1), 1)
        self.assertEqual(report_stats.runs_for_confidence(0.5), 7)
        low, high = report_stats.wilson(20, 20)
        self.assertAlmostEqual(low, 0.839, places=3)
        self.assertEqual(report_stats.rate_cell(20, 20)[1], "3")


class AtomicWriteTest(unittest.TestCase):
    def test_the_directory_is_replaced_whole(self):
        tmp = tempfile.mkdtemp()
        try:
            target = os.path.join(tmp, "report")
            common.replace_directory(target, {"index.html": "old",
                                             "stale.txt": "x"})
            common.replace_directory(target, {"index.html": "new"})
            self.assertEqual(sorted(os.listdir(target)), ["index.html"])
            with open(os.path.join(target, "index.html")) as f:
                self.assertEqual(f.read(), "new")
            self.assertEqual(sorted(os.listdir(tmp)), ["report"])
        finally:
            shutil.rmtree(tmp)

    def test_a_partial_report_goes_beside_the_last_complete_one(self):
        tmp = tempfile.mkdtemp()
        try:
            out = os.path.join(tmp, "out")
            os.makedirs(os.path.join(out, "logs"))
            with open(os.path.join(out, "logs", "liveness.log"), "w") as f:
                f.write(TSAN_LOG)
            row = {"variant": "shared_unsafe", "role": "liveness",
                   "load": "forced seed (spin)", "process_end": "exit 66",
                   "evidence": "tsan_report", "how": "TSan report",
                   "verdict": "DETECTOR ALIVE", "as_expected": True,
                   "wall_ms": 90.0, "tsan_key_lines": [],
                   "log": "logs/liveness.log"}
            with open(os.path.join(out, "verdict-tsan.json"), "w") as f:
                json.dump({"complete": True, "rows": [row]}, f)
            report = os.path.join(tmp, "report")

            def run(*extra):
                return subprocess.run(
                    ["/usr/bin/python3", REPORT,
                     "--out", out, "--report", report, *extra],
                    capture_output=True, text=True)

            self.assertEqual(run().returncode, 0)
            with open(os.path.join(report, "index.html")) as f:
                complete = f.read()
            self.assertNotIn("PARTIAL", complete)
            self.assertIn("repro/params.cc", complete)  # the seed's frames
            result = run("--partial", "bench could not be done (exit 2)")
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(os.path.join(report, "index.html")) as f:
                self.assertEqual(f.read(), complete)  # left in place
            with open(os.path.join(report + "-partial", "index.html")) as f:
                self.assertIn("PARTIAL REPORT: bench could not be done",
                              f.read())
            with open(os.path.join(report, "races.sarif")) as f:
                sarif = json.load(f)
            self.assertEqual(len(sarif["runs"][0]["results"]), 1)
        finally:
            shutil.rmtree(tmp)

    def test_no_run_to_report_on_is_a_clear_error(self):
        tmp = tempfile.mkdtemp()
        try:
            result = subprocess.run(
                ["/usr/bin/python3", REPORT, "--out",
                 tmp, "--report", os.path.join(tmp, "r")],
                capture_output=True, text=True)
            self.assertEqual(result.returncode, 2)
            self.assertIn("nothing to report on", result.stderr)
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
